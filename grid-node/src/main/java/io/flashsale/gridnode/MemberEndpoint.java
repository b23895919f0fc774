package io.flashsale.gridnode;

import com.hazelcast.core.HazelcastInstance;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flashsale.grid.SplitBrainWatch;
import io.flashsale.grid.cdc.BinlogReaderStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A member's HTTP side: {@code GET /health} (200 when the member runs in an active cluster with its partitions'
 * backups in sync, status {@code DEGRADED} while its database does not answer; 503 and the reason otherwise) and
 * {@code GET /metrics} (Prometheus text).
 * <p>The JDK's own HTTP server rather than Hazelcast's REST endpoint (off: it also exposes cluster operations) or a
 * web framework (a member is not a Spring application and needs two read-only paths). It binds to the member's
 * interface only.
 */
final class MemberEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberEndpoint.class);

    private final HttpServer server;

    private MemberEndpoint(HttpServer server) {
        this.server = server;
    }

    /** @param reader the binlog reader's status on this member, or null when the reader is off */
    static MemberEndpoint start(InetSocketAddress address, HazelcastInstance hazelcast, DataSource database,
                                PrometheusMeterRegistry meters, Supplier<BinlogReaderStatus> reader) {
        try {
            HttpServer server = HttpServer.create(address, 16);
            server.createContext("/health", exchange -> health(exchange, hazelcast, database, reader.get()));
            server.createContext("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "member-endpoint");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            log.info("Member health at http://{}:{}/health, metrics at /metrics", address.getHostString(),
                    server.getAddress().getPort());
            return new MemberEndpoint(server);
        } catch (IOException e) {
            throw new IllegalStateException("could not serve member health and metrics on " + address, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, HazelcastInstance hazelcast, DataSource database,
                               BinlogReaderStatus reader) throws IOException {
        String problem = null;
        String cluster = "unknown";
        int members = 0;
        boolean writes = false;
        if (!hazelcast.getLifecycleService().isRunning()) {
            problem = "member not running";
        } else {
            cluster = hazelcast.getCluster().getClusterState().name();
            members = hazelcast.getCluster().getMembers().size();
            writes = SplitBrainWatch.acceptsWrites(hazelcast);
            if (!"ACTIVE".equals(cluster)) {
                problem = "cluster state " + cluster;
            } else if (!hazelcast.getPartitionService().isLocalMemberSafe()) {
                problem = "backups of this member's partitions are not in sync yet";
            }
        }
        String databaseStatus = "UP";
        try (Connection connection = database.getConnection()) {
            if (!connection.isValid(1)) {
                databaseStatus = "DOWN";
            }
        } catch (Exception e) {
            databaseStatus = "DOWN";
        }
        // A database that does not answer degrades the member but does not fail it: writes stay queued and are
        // stored when it is back, and restarting the member would only lose its queue's primary copy.
        // So does a member on the small side of a split brain: it answers reads, refuses stock and order writes.
        // So does a binlog reader this member should run but cannot: changes made in MySQL do not reach the grid.
        boolean readerFailing = reader != null && "FAILING".equals(reader.state());
        String status = problem != null ? "DOWN"
                : "UP".equals(databaseStatus) && writes && !readerFailing ? "UP" : "DEGRADED";
        String readerJson = reader == null ? "{\"status\":\"OFF\"}"
                : "{\"status\":\"%s\"%s}".formatted(reader.state(),
                        reader.reason() == null ? "" : ",\"reason\":\"" + jsonText(reader.reason()) + "\"");
        String body = ("{\"status\":\"%s\",\"clusterState\":\"%s\",\"members\":%d,\"writes\":\"%s\","
                + "\"database\":\"%s\",\"binlogReader\":%s%s}")
                .formatted(status, cluster, members, writes ? "ACCEPTED" : "REFUSED", databaseStatus, readerJson,
                        problem == null ? "" : ",\"reason\":\"" + problem + "\"");
        respond(exchange, problem == null ? 200 : 503, "application/json", body);
    }

    private static String jsonText(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(' ');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
