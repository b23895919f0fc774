package io.flashsale.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grid-level comparison, no HTTP: the same purchase (stock check over segments, per-user limit, order recorded)
 * through this project's grid path, the source design's Redis+Lua path (alone, and with a replica it waits for after
 * each script, as the grid waits for its synchronous backup) and a database-only path, one after the other in one
 * run, at the same concurrency, each followed by an accuracy audit of its own store.
 *
 * <p>Command (from the project root; Redis on 127.0.0.1:6379 and MariaDB on 127.0.0.1:3306 as on the test machines):
 * <pre>
 * ./mvnw -q -DskipTests package -pl bench -am &amp;&amp; java -jar bench/target/bench.jar --callers 50 --seconds 20
 * </pre>
 * Options: {@code --callers N}, {@code --seconds S} (measured), {@code --warmup S},
 * {@code --designs grid,redis,redis-wait,db}, {@code --redis host:port}, {@code --redis-pair-ports 6391,6392} (the
 * primary and replica the benchmark starts for {@code redis-wait}, with {@code redis-server} on the PATH),
 * {@code --db-url jdbc:mysql://...} ({@code --db-user}, {@code --db-password}),
 * {@code --out file.json}. A design whose server is not reachable is skipped with a message.
 */
public final class GridLevelBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GridLevelBenchmark.class);
    private static final int STOCK = 50_000_000; // never sells out in a run: every purchase does the full work
    private static final int SEGMENTS = 10;
    private static final int LIMIT = 5;
    private static final int USERS = 5_000_000;

    private GridLevelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8"));
        Map<String, String> options = Options.parse(args);
        int callers = Integer.parseInt(options.getOrDefault("callers", "50"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "40"));
        List<String> designs = List.of(options.getOrDefault("designs", "grid,redis,redis-wait,db").split(","));
        Path out = Paths.get(options.getOrDefault("out", "bench/target/grid-level-results.json"));

        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, ClosedLoop.Result> byDesign = new LinkedHashMap<>();
        for (String design : designs) {
            PurchaseBackend backend;
            try {
                backend = open(design.trim(), options, callers);
            } catch (Exception e) {
                System.out.printf("skipping %s: %s%n", design, e.getMessage());
                continue;
            }
            try (backend) {
                backend.createSale("warm", STOCK, SEGMENTS, LIMIT);
                ClosedLoop.run(backend, "warm", callers, warmup, USERS);
                backend.createSale("run", STOCK, SEGMENTS, LIMIT);
                long callsBefore = backend instanceof GridBackend grid ? grid.gridCalls() : 0;
                ClosedLoop.Result result = ClosedLoop.run(backend, "run", callers, seconds, USERS);
                PurchaseBackend.Audit audit = backend.audit("run");
                boolean accurate = audit.unitsSold() == result.acceptedUnits() && audit.orders() == result.acceptedUnits()
                        && audit.orderUnits() == result.acceptedUnits() && audit.usersOverLimit() == 0
                        && audit.unitsSold() <= STOCK;
                byDesign.put(design, result);
                Map<String, Object> row = row(result, audit, accurate);
                if (backend instanceof GridBackend grid) {
                    row.put("gridCallsPerPurchase", (double) (grid.gridCalls() - callsBefore)
                            / Math.max(1, result.purchases()));
                }
                results.add(row);
                System.out.println(describe(row));
            }
        }
        ClosedLoop.Result grid = byDesign.get("grid");
        if (grid != null) {
            for (Map<String, Object> row : results) {
                row.put("gridRatio", grid.perSecond() / (double) row.get("purchasesPerSecond"));
            }
        }
        System.out.println();
        System.out.println(table(results));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "grid-level purchase, closed loop");
        report.put("callers", callers);
        report.put("seconds", seconds);
        report.put("warmupSeconds", warmup);
        report.put("stock", STOCK);
        report.put("segments", SEGMENTS);
        report.put("perUserLimit", LIMIT);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.put("results", results);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
        System.out.println("written " + out);
        System.exit(0);
    }

    private static PurchaseBackend open(String design, Map<String, String> options, int callers) throws Exception {
        return switch (design) {
            case "grid" -> new GridBackend(Integer.parseInt(options.getOrDefault("grid-port", "5791")));
            case "redis" -> {
                String[] hostPort = options.getOrDefault("redis", "127.0.0.1:6379").split(":");
                yield new RedisLuaBackend(hostPort[0], Integer.parseInt(hostPort[1]), callers);
            }
            case "redis-wait" -> {
                String[] ports = options.getOrDefault("redis-pair-ports", "6391,6392").split(",");
                yield RedisLuaBackend.withReplica(RedisPair.start(Integer.parseInt(ports[0].trim()),
                        Integer.parseInt(ports[1].trim())), callers);
            }
            case "db" -> new DatabaseBackend(options.getOrDefault("db-url",
                    "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true"),
                    options.getOrDefault("db-user", "root"), options.getOrDefault("db-password", ""), callers);
            default -> throw new IllegalArgumentException("unknown design '" + design
                    + "' (grid, redis, redis-wait, db)");
        };
    }

    private static Map<String, Object> row(ClosedLoop.Result result, PurchaseBackend.Audit audit, boolean accurate) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("design", result.design());
        row.put("callers", result.callers());
        row.put("purchases", result.purchases());
        row.put("purchasesPerSecond", result.perSecond());
        row.put("outcomes", result.outcomes());
        row.put("errors", result.errors());
        row.put("p50Micros", result.latencyMicros().getValueAtPercentile(50));
        row.put("p95Micros", result.latencyMicros().getValueAtPercentile(95));
        row.put("p99Micros", result.latencyMicros().getValueAtPercentile(99));
        row.put("p999Micros", result.latencyMicros().getValueAtPercentile(99.9));
        row.put("maxMicros", result.latencyMicros().getMaxValue());
        row.put("unitsSold", audit.unitsSold());
        row.put("ordersRecorded", audit.orders());
        row.put("usersOverLimit", audit.usersOverLimit());
        row.put("accurate", accurate);
        return row;
    }

    private static String describe(Map<String, Object> row) {
        return String.format("%-38s %,10.0f purchases/s  p50 %,7d us  p99 %,7d us  p99.9 %,7d us  accurate=%s  %s",
                row.get("design"), (double) row.get("purchasesPerSecond"), (long) row.get("p50Micros"),
                (long) row.get("p99Micros"), (long) row.get("p999Micros"), row.get("accurate"), row.get("outcomes"));
    }

    private static String table(List<Map<String, Object>> rows) {
        StringBuilder text = new StringBuilder(String.format("%-38s %14s %10s %10s %10s %9s %9s%n", "design",
                "purchases/s", "p50 ms", "p99 ms", "p99.9 ms", "accurate", "grid/x"));
        for (Map<String, Object> row : rows) {
            text.append(String.format("%-38s %,14.0f %10.2f %10.2f %10.2f %9s %9s%n", row.get("design"),
                    (double) row.get("purchasesPerSecond"), (long) row.get("p50Micros") / 1000.0,
                    (long) row.get("p99Micros") / 1000.0, (long) row.get("p999Micros") / 1000.0, row.get("accurate"),
                    row.containsKey("gridRatio") ? String.format("%.2fx", (double) row.get("gridRatio")) : "-"));
        }
        return text.toString();
    }
}
