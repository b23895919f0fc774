package io.flashsale.bench;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A flash sale against the REST API of a running system (the local run, say), open model: requests are sent at
 * their scheduled times whatever the system answers, at a steady rate with a pulse of {@code --pulse} times that
 * rate in the middle, as a sale's opening second looks. Latency is measured from each request's scheduled time, so
 * it includes the time a request waited because the system was slow (corrected for coordinated omission); the
 * latency from the actual send is kept too.
 *
 * <p>Afterwards it flushes the system and checks accuracy with the admin audit: units sold never above the stock,
 * the {@code orders} rows and units equal to the 201s, nobody over the per-user limit.
 *
 * <p>Command (with the local run up: {@code java -jar local-run/target/local-run.jar}):
 * <pre>
 * java -cp bench/target/bench.jar io.flashsale.bench.SaleSimulator --url http://127.0.0.1:8080 --token TOKEN \
 *     --rate 300 --seconds 30 --pulse 10 --pulse-at 10 --pulse-seconds 2 --users 20000 --stock 5000 --limit 2
 * </pre>
 * Writes {@code bench/target/simulation.json} and {@code bench/target/simulation.png} ({@code --out} prefix).
 */
public final class SaleSimulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Requests in flight beyond this are not sent but counted: the generator must not run out of memory. */
    private static final int MAX_IN_FLIGHT = 4_000;

    private SaleSimulator() {
    }

    /** One second of the run: what was offered and what came back. */
    static final class Second {
        final AtomicLong offered = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final Histogram latencyMicros = new Histogram(60_000_000L, 3);

        synchronized void record(int status, long micros) {
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> o = Options.parse(args);
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        String token = o.get("token");
        if (token == null) {
            throw new IllegalArgumentException("--token <admin token of the app node> is required");
        }
        double rate = Double.parseDouble(o.getOrDefault("rate", "300"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        double pulse = Double.parseDouble(o.getOrDefault("pulse", "10"));
        int pulseAt = Integer.parseInt(o.getOrDefault("pulse-at", String.valueOf(seconds / 3)));
        int pulseSeconds = Integer.parseInt(o.getOrDefault("pulse-seconds", "2"));
        int users = Integer.parseInt(o.getOrDefault("users", "20000"));
        int stock = Integer.parseInt(o.getOrDefault("stock", "5000"));
        int limit = Integer.parseInt(o.getOrDefault("limit", "2"));
        String out = o.getOrDefault("out", "bench/target/simulation");
        String saleId = "sim-" + System.currentTimeMillis();

        ExecutorService httpThreads = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        admin(http, "PUT", url + "/api/admin/products/sim-product", token,
                "{\"name\":\"Simulated\",\"description\":\"simulator\",\"price\":\"1.00\"}");
        admin(http, "POST", url + "/api/admin/sales", token, "{\"saleId\":\"" + saleId
                + "\",\"productId\":\"sim-product\",\"stock\":" + stock + ",\"segments\":10,\"perUserLimit\":" + limit
                + "}");

        // Every buyer's token, before anything is measured.
        List<String> tokens = BuyerTokens.mint(http, url, token, "sim-user-", users);

        Map<Integer, Second> timeline = new TreeMap<>();
        for (int s = 0; s < seconds + 60; s++) {
            timeline.put(s, new Second());
        }
        Histogram corrected = new Histogram(60_000_000L, 3);
        Histogram uncorrected = new Histogram(60_000_000L, 3);
        Map<String, AtomicLong> unitsByUser = new ConcurrentHashMap<>();
        AtomicLong acceptedUnits = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        Random random = new Random(1);

        long start = System.nanoTime() + 100_000_000L;
        long end = start + seconds * 1_000_000_000L;
        long intended = start;
        long sent = 0;
        while (intended < end) {
            double second = (intended - start) / 1e9;
            double current = second >= pulseAt && second < pulseAt + pulseSeconds ? rate * pulse : rate;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Second bucket = timeline.get((int) second);
            bucket.offered.incrementAndGet();
            int buyer = random.nextInt(users);
            String user = "sim-user-" + buyer;
            int quantity = 1 + random.nextInt(limit);
            if (!inFlight.tryAcquire()) {
                notSent.incrementAndGet();
            } else {
                long scheduled = intended;
                long actual = System.nanoTime();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/sales/" + saleId + "/purchases"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokens.get(buyer))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}")).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    long now = System.nanoTime();
                    long micros = Math.max(1, (now - scheduled) / 1_000);
                    int status = error != null ? -1 : response.statusCode();
                    synchronized (corrected) {
                        corrected.recordValue(Math.min(micros, corrected.getHighestTrackableValue()));
                        uncorrected.recordValue(Math.min(Math.max(1, (now - actual) / 1_000),
                                uncorrected.getHighestTrackableValue()));
                    }
                    timeline.get((int) Math.min((now - start) / 1_000_000_000L, seconds + 59)).record(status, micros);
                    if (status == 201) {
                        accepted.incrementAndGet();
                        acceptedUnits.addAndGet(quantity);
                        unitsByUser.computeIfAbsent(user, u -> new AtomicLong()).addAndGet(quantity);
                    } else if (status < 0 || status >= 500) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            sent++;
            intended = start + (long) (1e9 * scheduledOffset(sent, rate, pulse, pulseAt, pulseSeconds));
        }
        inFlight.acquire(MAX_IN_FLIGHT);
        double wall = (System.nanoTime() - start) / 1e9;

        admin(http, "POST", url + "/api/admin/flush", token, null);
        JsonNode audit = JSON.readTree(admin(http, "GET", url + "/api/admin/sales/" + saleId + "/audit", token,
                null));
        long overLimit = unitsByUser.values().stream().filter(u -> u.get() > limit).count();
        boolean accurate = audit.get("sold").asLong() <= stock
                && audit.get("unitsInDatabase").asLong() == acceptedUnits.get()
                && audit.get("ordersInDatabase").asLong() == accepted.get()
                && audit.get("sold").asLong() == acceptedUnits.get() && overLimit == 0;

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("url", url);
        report.put("saleId", saleId);
        report.put("rate", rate);
        report.put("pulse", pulse);
        report.put("pulseAt", pulseAt);
        report.put("pulseSeconds", pulseSeconds);
        report.put("seconds", seconds);
        report.put("users", users);
        report.put("stock", stock);
        report.put("perUserLimit", limit);
        report.put("requestsScheduled", sent);
        report.put("requestsNotSent", notSent.get());
        report.put("wallSeconds", wall);
        report.put("answeredPerSecond", (sent - notSent.get()) / wall);
        report.put("statuses", statuses(timeline));
        report.put("latencyMillisCorrected", percentiles(corrected));
        report.put("latencyMillisUncorrected", percentiles(uncorrected));
        report.put("accepted", accepted.get());
        report.put("acceptedUnits", acceptedUnits.get());
        report.put("failed", failed.get());
        report.put("audit", audit);
        report.put("usersOverLimit", overLimit);
        report.put("accurate", accurate);
        List<Map<String, Object>> perSecond = new ArrayList<>();
        timeline.forEach((s, b) -> {
            if (s < seconds + 5) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("second", s);
                row.put("offered", b.offered.get());
                row.put("answered", b.statuses.values().stream().mapToLong(AtomicLong::get).sum());
                row.put("p99Millis", b.latencyMicros.getTotalCount() == 0 ? 0
                        : b.latencyMicros.getValueAtPercentile(99) / 1000.0);
                perSecond.add(row);
            }
        });
        report.put("perSecond", perSecond);

        Path json = Paths.get(out + ".json");
        Files.createDirectories(json.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        Path png = Paths.get(out + ".png");
        SimulationChart.write(perSecond, "Flash sale: " + rate + " req/s, x" + pulse + " pulse at " + pulseAt + " s",
                png);
        System.out.printf("scheduled %d requests in %d s (x%.0f pulse at %d s for %d s); not sent %d%n", sent, seconds,
                pulse, pulseAt, pulseSeconds, notSent.get());
        System.out.printf("statuses %s; answered %.0f req/s%n", statuses(timeline), (sent - notSent.get()) / wall);
        System.out.printf("latency ms from scheduled time (CO-corrected) %s%n", percentiles(corrected));
        System.out.printf("latency ms from actual send               %s%n", percentiles(uncorrected));
        System.out.printf("accuracy: stock %d, sold %s, 201s %d carrying %d units, orders in db %s (%s units), "
                        + "users over limit %d -> accurate=%s%n", stock, audit.get("sold"), accepted.get(),
                acceptedUnits.get(), audit.get("ordersInDatabase"), audit.get("unitsInDatabase"), overLimit, accurate);
        System.out.println("written " + json + " and " + png);
        httpThreads.shutdownNow();
        System.exit(accurate ? 0 : 1);
    }

    /** Seconds from the start at which request {@code n} is due, for the steady rate with one pulse. */
    static double scheduledOffset(long n, double rate, double pulse, int pulseAt, int pulseSeconds) {
        double beforePulse = rate * pulseAt;
        if (n < beforePulse) {
            return n / rate;
        }
        double inPulse = rate * pulse * pulseSeconds;
        if (n < beforePulse + inPulse) {
            return pulseAt + (n - beforePulse) / (rate * pulse);
        }
        return pulseAt + pulseSeconds + (n - beforePulse - inPulse) / rate;
    }

    private static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (double q : new double[] {50, 95, 99, 99.9}) {
            p.put("p" + (q == 99.9 ? "99.9" : String.valueOf((int) q)), h.getValueAtPercentile(q) / 1000.0);
        }
        p.put("max", h.getMaxValue() / 1000.0);
        return p;
    }

    private static Map<Integer, Long> statuses(Map<Integer, Second> timeline) {
        Map<Integer, Long> total = new TreeMap<>();
        timeline.values().forEach(b -> b.statuses.forEach((s, n) -> total.merge(s, n.get(), Long::sum)));
        return total;
    }

    private static String admin(HttpClient http, String method, String url, String token, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
