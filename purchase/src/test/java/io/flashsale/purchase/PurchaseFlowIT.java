package io.flashsale.purchase;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.config.TestGrid;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched purchase path on real members (two, backups on) from a real client: many buyers at once, more demand
 * than stock, so that batches form, segments run dry and purchases fall through to other segments.
 */
class PurchaseFlowIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("flow");

    @Test
    void concurrentBuyersInBatchesSellTheStockExactlyOnceWithinTheirLimits() throws Exception {
        long now = System.currentTimeMillis();
        Sale sale = new Sale("batched", "p", 600, 7, 3, now - 1_000, now + 600_000);
        GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).putAll(sale.initialSegments());
        LongAdder gridCalls = new LongAdder();
        PurchaseFlow flow = new PurchaseFlow(GRID.client(), (operation, nanos) -> gridCalls.increment());
        ConcurrentLinkedQueue<PurchaseResult> results = new ConcurrentLinkedQueue<>();

        ExecutorService buyers = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int b = 0; b < 32; b++) {
            done.add(buyers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String user = "u-" + random.nextInt(300);
                    results.add(flow.purchase(new PurchaseRequest(sale, user, 1 + random.nextInt(2), null)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        buyers.shutdown();
        GRID.moveOutboxes();

        List<Order> accepted = results.stream().filter(r -> r.outcome() == PurchaseResult.Outcome.ACCEPTED)
                .map(PurchaseResult::order).toList();
        int acceptedUnits = accepted.stream().mapToInt(Order::quantity).sum();
        IMap<OrderKey, Order> orders = GRID.client().getMap(MapNames.ORDERS);
        Map<String, Integer> unitsByUser = orders.values().stream().filter(o -> o.saleId().equals("batched"))
                .collect(Collectors.groupingBy(Order::userId, Collectors.summingInt(Order::quantity)));
        int remaining = GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).values().stream()
                .mapToInt(StockSegment::remaining).sum();

        assertThat(results).hasSize(32 * 40);
        assertThat(acceptedUnits).as("demand (about 1,900 units) is above stock: all 600 sell").isEqualTo(600);
        assertThat(remaining).isZero();
        assertThat(orders.size()).isEqualTo(accepted.size());
        for (Order order : accepted) {
            assertThat(orders.get(new OrderKey(order.orderId()))).isEqualTo(order);
        }
        assertThat(unitsByUser.values()).allSatisfy(units -> assertThat(units).isLessThanOrEqualTo(3));
        assertThat(results.stream().map(PurchaseResult::outcome).distinct())
                .contains(PurchaseResult.Outcome.SOLD_OUT, PurchaseResult.Outcome.LIMIT_REACHED);
        double callsPerAccepted = gridCalls.doubleValue() / accepted.size();
        System.out.printf("PurchaseFlowIT: %d accepted, %.2f grid calls per accepted purchase%n", accepted.size(),
                callsPerAccepted);
        assertThat(callsPerAccepted).as("batches formed: less than the 3 calls of a lone purchase")
                .isLessThan(3.0);
    }

    @Test
    void homeSegmentsBorrowFromTheOthersAndTheSaleStillSellsOutCompletely() throws Exception {
        long now = System.currentTimeMillis();
        Sale sale = new Sale("borrowing", "p", 3_000, 10, 5, now - 1_000, now + 600_000);
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        stock.putAll(sale.initialSegments());
        LongAdder gridCalls = new LongAdder();
        PurchaseFlow flow = new PurchaseFlow(GRID.client(), (operation, nanos) -> gridCalls.increment());
        List<PurchaseResult> results = oneUnitEach(flow, sale, 110);
        GRID.moveOutboxes();

        long accepted = results.stream().filter(r -> r.outcome() == PurchaseResult.Outcome.ACCEPTED).count();
        Map<StockKey, StockSegment> segments = stock.getAll(sale.initialSegments().keySet());
        int sold = segments.values().stream().mapToInt(StockSegment::sold).sum();
        int remaining = segments.values().stream().mapToInt(StockSegment::remaining).sum();
        long ordersOfSale = GRID.client().<OrderKey, Order>getMap(MapNames.ORDERS).values().stream()
                .filter(o -> o.saleId().equals("borrowing")).count();
        int homesSold = segments.get(sale.stockKey(0)).sold() + segments.get(sale.stockKey(1)).sold();
        double callsPerAccepted = gridCalls.doubleValue() / accepted;
        System.out.printf("PurchaseFlowIT: borrowing homes sold %d of %d units, %.3f grid calls per accepted%n",
                homesSold, sold, callsPerAccepted);

        assertThat(accepted).as("3,520 buyers for 3,000 units: all sell").isEqualTo(3_000);
        assertThat(sold).isEqualTo(3_000);
        assertThat(ordersOfSale).isEqualTo(3_000);
        assertThat(remaining).isZero();
        assertThat(segments.values()).allSatisfy(s -> assertThat(s.transfers().outgoing()).isEmpty());
        assertThat(homesSold).as("the two homes (600 units of their own) sold nearly all of it, borrowed")
                .isGreaterThanOrEqualTo(2_700);
    }

    @Test
    void aPurchaseThatWaitedPastTheQueueBudgetLeavesWithNothingDone() throws Exception {
        long now = System.currentTimeMillis();
        Sale sale = new Sale("budget", "p", 100_000, 4, 1, now - 1_000, now + 600_000);
        GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).putAll(sale.initialSegments());
        // nobody may wait
        PurchaseFlow flow = new PurchaseFlow(GRID.client(), GridCallListener.NONE, Duration.ofNanos(1));
        List<PurchaseResult> results = oneUnitEach(flow, sale, 20);
        GRID.moveOutboxes();

        Map<PurchaseResult.Outcome, Long> outcomes = results.stream()
                .collect(Collectors.groupingBy(PurchaseResult::outcome, Collectors.counting()));
        long orders = GRID.client().<OrderKey, Order>getMap(MapNames.ORDERS).values().stream()
                .filter(o -> o.saleId().equals("budget")).count();
        int sold = GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).getAll(sale.initialSegments().keySet())
                .values().stream().mapToInt(StockSegment::sold).sum();
        System.out.printf("PurchaseFlowIT: 1 ns queue budget, 32 threads: %s%n", outcomes);

        assertThat(outcomes).containsOnlyKeys(PurchaseResult.Outcome.ACCEPTED, PurchaseResult.Outcome.SHED);
        assertThat(outcomes.get(PurchaseResult.Outcome.SHED)).isPositive();
        assertThat(orders).as("shed purchases left no order")
                .isEqualTo(outcomes.get(PurchaseResult.Outcome.ACCEPTED));
        assertThat((long) sold).as("and took no stock").isEqualTo(orders);
    }

    /** 32 threads, each buying one unit {@code perThread} times, every purchase by a buyer of its own. */
    private static List<PurchaseResult> oneUnitEach(PurchaseFlow flow, Sale sale, int perThread) throws Exception {
        ConcurrentLinkedQueue<PurchaseResult> results = new ConcurrentLinkedQueue<>();
        ExecutorService buyers = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int b = 0; b < 32; b++) {
            int buyer = b;
            done.add(buyers.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    results.add(flow.purchase(new PurchaseRequest(sale, "b-" + buyer + "-" + i, 1, null)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        buyers.shutdown();
        return List.copyOf(results);
    }
}
