package io.flashsale.grid.purchase;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.grid.ClientConfigs;
import io.flashsale.grid.GridSettings;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.MemberConfigs;
import io.flashsale.grid.order.Order;
import io.flashsale.grid.order.OrderKey;
import io.flashsale.grid.sale.Sale;
import io.flashsale.grid.sale.StockKey;
import io.flashsale.grid.sale.StockSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private static final List<HazelcastInstance> members = new ArrayList<>();
    private static HazelcastInstance client;

    @BeforeAll
    static void startGrid() {
        int first = freePort();
        int second = freePort();
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", "flow-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:" + first + ",127.0.0.1:" + second,
                "FLASHSALE_PORT", String.valueOf(first)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(second), Map.of(), null)));
        client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, "flow-client"));
    }

    @AfterAll
    static void stopGrid() {
        client.shutdown();
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void concurrentBuyersInBatchesSellTheStockExactlyOnceWithinTheirLimits() throws Exception {
        long now = System.currentTimeMillis();
        Sale sale = new Sale("batched", "p", 600, 7, 3, now - 1_000, now + 600_000);
        client.<StockKey, StockSegment>getMap(MapNames.STOCK).putAll(sale.initialSegments());
        LongAdder gridCalls = new LongAdder();
        PurchaseFlow flow = new PurchaseFlow(client, gridCalls::increment);
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

        List<Order> accepted = results.stream().filter(r -> r.outcome() == PurchaseResult.Outcome.ACCEPTED)
                .map(PurchaseResult::order).toList();
        int acceptedUnits = accepted.stream().mapToInt(Order::quantity).sum();
        IMap<OrderKey, Order> orders = client.getMap(MapNames.ORDERS);
        Map<String, Integer> unitsByUser = orders.values().stream().filter(o -> o.saleId().equals("batched"))
                .collect(Collectors.groupingBy(Order::userId, Collectors.summingInt(Order::quantity)));
        int remaining = client.<StockKey, StockSegment>getMap(MapNames.STOCK).values().stream()
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
