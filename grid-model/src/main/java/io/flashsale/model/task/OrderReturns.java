package io.flashsale.model.task;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.MarkUnitsReturned;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.ReleaseClaim;
import io.flashsale.model.stock.ReturnUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;

import java.util.Map;

/**
 * Gives the units of a cancelled or expired order back, in three steps that are each safe to repeat: the units into
 * the segments its allocation names ({@link ReturnUnits}, once per order and segment), the buyer's limit slot
 * ({@link ReleaseClaim}, in the buyer's home segment), then the order marked as returned
 * ({@link MarkUnitsReturned}). Whoever is interrupted between the steps (an app node dying after a cancel, a member
 * leaving mid-sweep) leaves an order whose units are still out; the expiry sweep on the members finds it and runs the steps again.
 */
public final class OrderReturns {

    private final IMap<StockKey, StockSegment> stock;
    private final IMap<OrderKey, Order> orders;
    private final IMap<String, Sale> sales;

    public OrderReturns(HazelcastInstance hazelcast) {
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.sales = hazelcast.getMap(MapNames.SALES);
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
        Sale sale = sales.get(order.saleId());
        if (sale == null) {
            throw new IllegalStateException("order " + order.orderId() + " is of sale " + order.saleId()
                    + ", which does not exist: its claim is not released, nor the order marked as returned");
        }
        stock.executeOnKey(sale.homeOf(order.userId()),
                ReleaseClaim.one(order.userId(), order.purchaseRequestId()));
        orders.executeOnKey(new OrderKey(order.orderId()), new MarkUnitsReturned());
        return back;
    }
}
