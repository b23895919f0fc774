package io.flashsale.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.order.PayOrder;
import io.flashsale.model.order.SerializedOrders;
import io.flashsale.model.stock.OutboxMover;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserveForBatch;
import io.flashsale.model.task.MoveOutboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders a batch leaves in a stock segment's outbox, on real members from a real client: moved into the orders map
 * by the owner (on demand here, by the task an app node sends for an order it cannot find), stored as the client
 * serialized them, and never moved back over an order that changed since.
 */
class OutboxIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("outbox");

    @Test
    void anOrderInAnOutboxIsMovedOnDemandIntoTheOrdersMapAsTheClientMadeIt() throws Exception {
        StockKey segment = new StockKey("outbox-sale", 3);
        Order order = accepted(segment, "ana");
        leaveInOutbox(segment, order);
        IMap<OrderKey, Order> orders = GRID.client().getMap(MapNames.ORDERS);
        OrderKey key = new OrderKey(order.orderId());

        int moved = GRID.client().getExecutorService(MoveOutboxes.EXECUTOR)
                .submitToKeyOwner(MoveOutboxes.partitionOf(key), key).get(10, TimeUnit.SECONDS);

        assertThat(moved).isEqualTo(1);
        assertThat(orders.get(key)).isEqualTo(order);
        assertThat(GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).get(segment).outbox()).isEmpty();
    }

    @Test
    void aMoveRepeatedAfterThePaymentKeepsTheOrderPaid() {
        StockKey segment = new StockKey("outbox-repeat", 1);
        Order order = accepted(segment, "bo");
        leaveInOutbox(segment, order);
        HazelcastInstance owner = ownerOf(segment);
        OutboxMover.of(owner).moveAll(owner);
        IMap<OrderKey, Order> orders = GRID.client().getMap(MapNames.ORDERS);
        OrderKey key = new OrderKey(order.orderId());
        orders.executeOnKey(key, new PayOrder("pay-1", System.currentTimeMillis(), 60_000));

        // What a retried put-all, or a mover that read the outbox before another one moved it, would write.
        orders.set(key, order);

        assertThat(orders.get(key).status()).isEqualTo(OrderStatus.PAID);
    }

    private static Order accepted(StockKey segment, String buyer) {
        String id = segment.partitionToken() + UUID.randomUUID().toString().substring(OrderKey.PARTITION_PREFIX);
        long now = System.currentTimeMillis();
        return new Order(id, segment.saleId(), buyer, 1, OrderStatus.ACCEPTED, now, null, segment.segment() + ":1",
                null, now);
    }

    private static void leaveInOutbox(StockKey segment, Order order) {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        stock.set(segment, StockSegment.initial(10));
        OrderChunk chunk = SerializedOrders.chunkOf(GRID.client(), List.of(order));
        TryReserveForBatch.Result result = stock.executeOnKey(segment,
                new TryReserveForBatch(new long[] {StockSegment.hashOf(order.orderId())}, new int[] {1}, chunk));
        assertThat(result.units()).containsExactly(1);
        assertThat(stock.get(segment).outbox()).hasSize(1);
    }

    private static HazelcastInstance ownerOf(StockKey key) {
        return GRID.members().stream()
                .filter(m -> m.getPartitionService().getPartition(key).getOwner().localMember())
                .findFirst().orElseThrow();
    }
}
