package io.flashsale.local;

import io.flashsale.gridnode.GridMember;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, the circuit breaker and load shedding, over real HTTP against real members. */
class TrafficControlIT {

    private static final int RATE = 30;
    private static final int BURST = 30;

    @Test
    void twoAppNodesTogetherLetThroughTheClusterWideRateAndAnswer429WithRetryAfter() throws Exception {
        Map<String, Object> limits = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        limits.put("flashsale.traffic.rate-per-second", RATE);
        limits.put("flashsale.traffic.burst", BURST);
        try (TestSystem sut = TestSystem.start("rate", 2, limits)) {
            Api first = sut.api;
            Api second = new Api(LocalSystem.baseUrl(sut.system.startAppNode(0, TestSystem.TOKEN, limits)),
                    TestSystem.TOKEN);
            first.createSale("limited", "limited-product", 1_000_000, 10, 1);
            // Both nodes know the sale before the clock starts.
            assertThat(second.get("/api/sales/limited").status()).isEqualTo(200);

            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger limited = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            AtomicInteger badRetryAfter = new AtomicInteger();
            AtomicLong sent = new AtomicLong();
            ExecutorService callers = Executors.newFixedThreadPool(16);
            long started = System.nanoTime();
            long end = started + TimeUnit.SECONDS.toNanos(8);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                Api api = c % 2 == 0 ? first : second;
                int caller = c;
                done.add(callers.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        Api.Response r = api.purchase("limited", "u-" + caller + "-" + i, 1, null);
                        sent.incrementAndGet();
                        if (r.status() == 201) {
                            accepted.incrementAndGet();
                        } else if (r.status() == 429
                                && "urn:flashsale:problem:rate-limited".equals(r.problemType())) {
                            limited.incrementAndGet();
                            String retryAfter = r.header("Retry-After");
                            if (retryAfter == null || Integer.parseInt(retryAfter) < 1) {
                                badRetryAfter.incrementAndGet();
                            }
                        } else {
                            other.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            callers.shutdown();

            double allowed = BURST + RATE * seconds; // what the bucket can give out in that time
            System.out.printf("TrafficControlIT: %d requests in %.1f s (%.0f/s, %.1fx the rate) over two app nodes:"
                            + " %d x 201 (bucket allows %.0f), %d x 429, %d other%n", sent.get(), seconds,
                    sent.get() / seconds, sent.get() / seconds / RATE, accepted.get(), allowed, limited.get(),
                    other.get());
            assertThat(sent.get() / seconds).as("offered load, requests/s").isGreaterThan(5.0 * RATE);
            assertThat(other.get()).isZero();
            assertThat(badRetryAfter.get()).isZero();
            assertThat((double) accepted.get()).isBetween(0.9 * allowed, 1.1 * allowed);
        }
    }

    private static double breakerOpen(Api api) {
        return api.get("/actuator/metrics/flashsale.grid.breaker.open").body().get("measurements").get(0)
                .get("value").asDouble();
    }

    @Test
    void oneUserHammeringIsLimitedOnItsOwn() {
        Map<String, Object> limits = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        limits.put("flashsale.traffic.user-rate-per-second", 2);
        limits.put("flashsale.traffic.user-burst", 5);
        try (TestSystem sut = TestSystem.start("user-rate", 1, limits)) {
            sut.api.createSale("hammered", "hammered-product", 1_000, 4, 1);
            Map<Integer, Integer> statuses = new HashMap<>();
            long started = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                statuses.merge(sut.api.purchase("hammered", "hammer", 1, null).status(), 1, Integer::sum);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Api.Response someoneElse = sut.api.purchase("hammered", "bystander", 1, null);

            // The first passes and buys (201); the next ones pass the bucket but hit the sale's limit (409).
            int passed = statuses.getOrDefault(201, 0) + statuses.getOrDefault(409, 0);
            assertThat(statuses.get(201)).isEqualTo(1);
            assertThat(statuses.get(429)).isPositive();
            assertThat((double) passed).isLessThanOrEqualTo(5 + 2 * seconds + 1);
            assertThat(someoneElse.status()).isEqualTo(201);
        }
    }

    @Test
    void aGridThatIsGoneTurnsPurchasesInto503sAtOnceAndTheyComeBackWithIt() throws Exception {
        try (TestSystem sut = TestSystem.start("gone", 1)) {
            Api api = sut.api;
            api.createSale("fragile", "fragile-product", 1_000, 4, 1);
            assertThat(api.purchase("fragile", "before", 1, null).status()).isEqualTo(201);
            api.get("/api/products/fragile-product"); // in the near cache
            assertThat(api.get("/api/sales/fragile").status()).isEqualTo(200);
            api.flush();

            sut.system.members().forEach(GridMember::close);
            long slowest = 0;
            Map<Integer, Integer> statuses = new HashMap<>();
            String retryAfter = null;
            for (int i = 0; i < 40; i++) {
                long t0 = System.nanoTime();
                Api.Response r = api.purchase("fragile", "during-" + i, 1, null);
                slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() == 503) {
                    assertThat(r.problemType()).isEqualTo("urn:flashsale:problem:unavailable");
                    retryAfter = r.header("Retry-After");
                }
            }
            Api.Response product = api.get("/api/products/fragile-product");
            Api.Response sale = api.get("/api/sales/fragile");
            System.out.printf("TrafficControlIT: grid gone: statuses %s, slowest answer %d ms, product read %d,"
                    + " sale read %d, breaker open %s%n", statuses, slowest, product.status(), sale.status(),
                    breakerOpen(api));
            assertThat(statuses).containsOnlyKeys(503);
            assertThat(slowest).as("ms, within the 500 ms budget").isLessThan(500);
            assertThat(retryAfter).isNotNull();
            assertThat(product.status()).as("degraded: product reads from the near cache").isEqualTo(200);
            assertThat(sale.status()).as("degraded: sale reads, last known remaining").isEqualTo(200);
            assertThat(breakerOpen(api)).as("40 failures in a row open the circuit").isEqualTo(1.0);

            GridMember back = GridMember.start(sut.system.settings(), sut.database);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int status = 0;
                while (System.nanoTime() < deadline) {
                    api.post("/api/admin/sales/fragile/warmup", null, api.admin());
                    status = api.purchase("fragile", "after-" + System.nanoTime(), 1, null).status();
                    if (status == 201) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(status).as("purchases recover once the grid is back").isEqualTo(201);
                assertThat(api.purchase("fragile", "before", 1, null).problemType())
                        .as("the limit survived the restart").isEqualTo("urn:flashsale:problem:purchase-limit");
                assertThat(breakerOpen(api)).as("probes succeed: the circuit is no longer open").isEqualTo(0.0);
            } finally {
                back.close();
            }
        }
    }
}
