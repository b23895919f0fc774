package io.flashsale.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The three designs behind one and the same thin HTTP front (the JDK's HTTP server, 50 threads), for an HTTP-level
 * comparison in which only the design differs: {@code POST /api/sales/perf/purchases} with the contract's body,
 * 201 or 409. Not the app node: no Spring, no validation beyond parsing, no problem bodies.
 *
 * <pre>
 * java -cp bench/target/bench.jar io.flashsale.bench.HttpFront --design grid --port 8095   # or redis, db
 * wrk -t2 -c32 -d20s -s bench/wrk/buy.lua http://127.0.0.1:8095/api/sales/perf/purchases
 * </pre>
 */
public final class HttpFront {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpFront() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8");
        // Without it the JDK server waits for delayed ACKs: every answer took 40 ms whatever the design.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = Options.parse(args);
        String design = options.getOrDefault("design", "grid");
        int port = Integer.parseInt(options.getOrDefault("port", "8095"));
        PurchaseBackend backend = switch (design) {
            case "grid" -> new GridBackend(5793);
            case "redis" -> new RedisLuaBackend("127.0.0.1", 6379, 64);
            case "db" -> new DatabaseBackend("jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true",
                    "root", "", 50);
            default -> throw new IllegalArgumentException("--design grid|redis|db");
        };
        backend.createSale("perf", 50_000_000, 10, 5);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(50));
        server.createContext("/api/sales/perf/purchases", exchange -> purchase(backend, exchange));
        server.start();
        System.out.println(backend.name() + " behind http://127.0.0.1:" + port + "/api/sales/perf/purchases");
    }

    private static void purchase(PurchaseBackend backend, HttpExchange exchange) throws IOException {
        int status;
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            PurchaseBackend.Outcome outcome = backend.purchase("perf", request.get("userId").asString(),
                    request.get("quantity").asInt());
            status = outcome == PurchaseBackend.Outcome.ACCEPTED ? 201 : 409;
            body = "{\"outcome\":\"" + outcome + "\"}";
        } catch (Exception e) {
            status = 503;
            body = "{\"error\":\"" + e.getClass().getSimpleName() + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
