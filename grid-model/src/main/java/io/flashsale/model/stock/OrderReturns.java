package io.flashsale.model.stock;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.claim.ClaimGroup;
import io.flashsale.model.claim.ClaimGroupKey;
import io.flashsale.model.claim.ReleaseClaim;
import io.flashsale.model.order.MarkUnitsReturned;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;

import java.util.Map;

/**
 * Gives the units of a cancelled or expired order back, in three steps that are each safe to repeat: the units into
 * the segments its allocation names ({@link ReturnUnits}, once per order and segment), the buyer's limit slot
 * ({@link ReleaseClaim}), then the order marked as returned ({@link MarkUnitsReturned}). Whoever is interrupted
 * between the steps (an app node dying after a cancel, a member leaving mid-sweep) leaves an order whose units are
 * still out; the expiry sweep on the members finds it and runs the steps again.
 */
public final class OrderReturns {

    private final IMap<StockKey, StockSegment> stock;
    private final IMap<ClaimGroupKey, ClaimGroup> claims;
    private final IMap<OrderKey, Order> orders;

    public OrderReturns(HazelcastInstance hazelcast) {
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.claims = hazelcast.getMap(MapNames.CLAIMS);
        this.orders = hazelcast.getMap(MapNames.ORDERS);
    }

    /** Gives back what {@code order} still holds; returns the units put back now (0 when that happened before). */
    public int giveBack(Order order) {
        if (!order.unitsOut()) {
            return 0;
        }
        long orderHash = StockSegment.hashOf("return:" + order.orderId());
        int back = 0;
        for (Map.Entry<Integer, Integer> held : Allocation.parse(order.allocation()).entrySet()) {
            if (held.getValue() <= 0) {
                continue;
            }
            StockKey segment = new StockKey(order.saleId(), held.getKey());
            int units = stock.executeOnKey(segment, new ReturnUnits(orderHash, held.getValue()));
            if (units < 0) {
                throw new IllegalStateException("order " + order.orderId() + " holds units of " + segment
                        + ", which does not exist: not marked as returned");
            }
            back += units;
        }
        claims.executeOnKey(ClaimGroupKey.of(order.saleId(), order.userId()),
                ReleaseClaim.one(order.userId(), order.purchaseRequestId()));
        orders.executeOnKey(new OrderKey(order.orderId()), new MarkUnitsReturned());
        return back;
    }
}
