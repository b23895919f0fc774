package io.flashsale.gridnode.expiry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.config.TestGrid;
import io.flashsale.model.MapNames;
import io.flashsale.model.stock.ClaimGroup;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.UserClaim;
import io.flashsale.model.order.CancelOrder;
import io.flashsale.model.order.ExpireOrder;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.task.OrderReturns;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.order.PayOrder;
import io.flashsale.model.stock.ReturnUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancellation, payment and expiry of orders on real members, called from a real client: the units of an order go
 * back once however often the give-back runs, a payment and an expiry racing for an order end one way, and the
 * members' sweep expires what is due and nothing else.
 */
class OrderLifecycleIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("lifecycle");

    @Test
    void aCancelledOrdersUnitsGoBackOnceHoweverOftenItIsSettled() {
        StockKey segment = new StockKey("cancelled", 0);
        openSale(segment, 10);
        buy("cancelled", "c-1", "buyer", 3, System.currentTimeMillis());
        assertThat(stock().get(segment).remaining()).isEqualTo(7);

        CancelOrder.Result cancel = orders().executeOnKey(new OrderKey("c-1"),
                new CancelOrder(System.currentTimeMillis(), "buyer"));
        Order cancelled = cancel.order();
        assertThat(cancel.cancelled()).isTrue();
        assertThat(cancelled.unitsOut()).isTrue();
        // A give-back interrupted after its stock step: the repeat finds the order in the segment's ring.
        long orderHash = StockSegment.hashOf("return:c-1");
        assertThat(stock().executeOnKey(segment, new ReturnUnits(orderHash, 3))).isEqualTo(3);
        OrderReturns returns = new OrderReturns(GRID.client());
        assertThat(returns.giveBack(cancelled)).as("the units were back already").isZero();
        assertThat(returns.giveBack(cancelled)).isZero();

        assertThat(stock().get(segment).remaining()).isEqualTo(10);
        assertThat(stock().get(segment).sold()).isZero();
        assertThat(claimOf("cancelled", "buyer")).as("limit slot free").isNull();
        assertThat(orders().get(new OrderKey("c-1")).unitsOut()).isFalse();
        assertThat(orders().get(new OrderKey("c-1")).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders().executeOnKey(new OrderKey("c-1"), new CancelOrder(System.currentTimeMillis() + 1, null))
                .cancelled()).isFalse();
    }

    @Test
    void anotherBuyersCancelFindsNoOrderAndChangesNothing() {
        openSale(new StockKey("theirs", 0), 5);
        buy("theirs", "o-1", "owner", 2, System.currentTimeMillis());

        CancelOrder.Result cancel = orders().executeOnKey(new OrderKey("o-1"),
                new CancelOrder(System.currentTimeMillis(), "someone-else"));

        assertThat(cancel.order()).isNull();
        assertThat(cancel.cancelled()).isFalse();
        assertThat(orders().get(new OrderKey("o-1")).status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(stock().get(new StockKey("theirs", 0)).remaining()).isEqualTo(3);
    }

    @Test
    void ofTwoCancelsInOneMillisecondOnlyOneIsToldItCancelled() {
        openSale(new StockKey("twice", 0), 5);
        buy("twice", "t-1", "buyer", 1, System.currentTimeMillis());
        long sameMillisecond = System.currentTimeMillis();
        boolean first = orders().executeOnKey(new OrderKey("t-1"), new CancelOrder(sameMillisecond, null)).cancelled();
        boolean second = orders().executeOnKey(new OrderKey("t-1"), new CancelOrder(sameMillisecond, null)).cancelled();
        assertThat(List.of(first, second)).containsExactly(true, false);
    }

    @Test
    void aPaymentAndAnExpiryRacingForAnOrderEndOneWayEachTime() throws Exception {
        long window = 60_000;
        StockKey segment = new StockKey("raced", 0);
        openSale(segment, 200);
        long deadline = System.currentTimeMillis() + 1_500;
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            placed.add(buy("raced", "r-" + i, "racer-" + i, 1, deadline - window));
        }
        ExecutorService racers = Executors.newFixedThreadPool(2);
        int paid = 0;
        int expired = 0;
        try {
            for (Order order : placed) {
                OrderKey key = new OrderKey(order.orderId());
                CountDownLatch go = new CountDownLatch(1);
                // The payment is made a millisecond before the deadline, the expiry at it: whichever the partition
                // runs first decides.
                PayOrder payment = new PayOrder("pay-" + order.orderId(), deadline - 1, window);
                Future<Order> paying = racers.submit(() -> {
                    go.await();
                    return orders().executeOnKey(key, payment);
                });
                Future<Order> expiring = racers.submit(() -> {
                    go.await();
                    return orders().executeOnKey(key, new ExpireOrder(deadline, window));
                });
                go.countDown();
                boolean paymentRecorded = payment.recordedIn(paying.get());
                expiring.get();
                Order last = orders().get(key);
                if (last.status() == OrderStatus.PAID) {
                    paid++;
                    assertThat(paymentRecorded).as("PAID only when the payment says so").isTrue();
                } else {
                    expired++;
                    assertThat(last.status()).isEqualTo(OrderStatus.EXPIRED);
                    assertThat(paymentRecorded).as("an expired order's payment is refused").isFalse();
                    new OrderReturns(GRID.client()).giveBack(last);
                }
            }
        } finally {
            racers.shutdownNow();
        }
        System.out.printf("OrderLifecycleIT: 200 payments racing expiries: %d paid, %d expired%n", paid, expired);
        assertThat(paid + expired).isEqualTo(200);
        assertThat(stock().get(segment).sold()).as("units back only for the expired").isEqualTo(paid);
        assertThat(stock().get(segment).remaining()).isEqualTo(200 - paid);
    }

    @Test
    void theMembersSweepExpiresWhatIsDueAndGivesItsUnitsBack() {
        StockKey segment = new StockKey("swept", 0);
        openSale(segment, 100);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 40; i++) {
            buy("swept", "s-" + i, "sweeper-" + i, 2, now);
        }
        for (int i = 0; i < 15; i++) {
            PayOrder payment = new PayOrder("p-" + i, System.currentTimeMillis(), 3_000);
            assertThat(payment.recordedIn(orders().executeOnKey(new OrderKey("s-" + i), payment))).isTrue();
        }
        List<OrderExpiry> sweeps = new ArrayList<>();
        for (HazelcastInstance member : GRID.members()) {
            sweeps.add(OrderExpiry.start(member, Duration.ofSeconds(3), null, Duration.ofMillis(100)));
        }
        try {
            assertThat(stock().get(segment).sold()).isEqualTo(80);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock().get(segment).sold())
                    .isEqualTo(30));
            for (int i = 0; i < 40; i++) {
                Order order = orders().get(new OrderKey("s-" + i));
                assertThat(order.status()).isEqualTo(i < 15 ? OrderStatus.PAID : OrderStatus.EXPIRED);
                assertThat(order.unitsOut()).isFalse();
                assertThat(claimOf("swept", "sweeper-" + i) != null).isEqualTo(i < 15);
            }
            assertThat(stock().get(segment).remaining()).isEqualTo(70);
        } finally {
            sweeps.forEach(OrderExpiry::close);
        }
    }

    /** An accepted order as the purchase path leaves it: units reserved, limit claimed, order stored. */
    private static Order buy(String saleId, String orderId, String userId, int quantity, long createdAt) {
        StockKey segment = new StockKey(saleId, 0);
        assertThat(stock().executeOnKey(segment, new TryReserve(StockSegment.hashOf(orderId), quantity)).units())
                .isEqualTo(quantity);
        assertThat(ClaimUnits.Outcome.of(stock().executeOnKey(segment,
                ClaimUnits.one(userId, orderId, quantity, 10))[0])).isEqualTo(ClaimUnits.Outcome.CLAIMED);
        Order order = new Order(orderId, saleId, userId, quantity, OrderStatus.ACCEPTED, createdAt, null,
                "0:" + quantity, null, createdAt);
        orders().set(new OrderKey(orderId), order);
        return order;
    }

    private static IMap<StockKey, StockSegment> stock() {
        return GRID.client().getMap(MapNames.STOCK);
    }

    /** A one-segment sale (its segment is every buyer's home) holding {@code units}. */
    private static void openSale(StockKey segment, int units) {
        long now = System.currentTimeMillis();
        GRID.client().getMap(MapNames.SALES).set(segment.saleId(),
                new Sale(segment.saleId(), "p", units, 1, 10, now - 1_000, now + 600_000));
        stock().set(segment, StockSegment.initial(units));
    }

    private static @Nullable UserClaim claimOf(String saleId, String userId) {
        ClaimGroup group = stock().get(new StockKey(saleId, 0)).claims();
        return group == null ? null : group.of(userId);
    }

    private static IMap<OrderKey, Order> orders() {
        return GRID.client().getMap(MapNames.ORDERS);
    }
}
