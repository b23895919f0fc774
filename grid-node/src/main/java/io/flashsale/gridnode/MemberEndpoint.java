package io.flashsale.gridnode;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.gridnode.cluster.SplitBrainWatch;
import io.flashsale.model.cdc.BinlogReaderStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A member's HTTP side: {@code GET /health}, also at {@code /health/ready} (200 when the member runs in an active
 * cluster with its partitions' backups in sync, status {@code DEGRADED} while its database does not answer or its
 * binlog reader fails; 503 and the reason otherwise, e.g. during every partition migration), {@code GET
 * /health/live} (200 while the member runs: the one for a liveness probe, which must not restart a member for
 * rebalancing) and {@code GET /metrics} (Prometheus text). Every error is a problem document (RFC 9457).
 * <p>Jetty's core server rather than Hazelcast's REST endpoint (off: it also exposes cluster operations) or the
 * JDK's HTTP server, whose two worker threads were held by three half-sent requests: Jetty parses requests without
 * a thread per connection, so idle and trickling clients cost no thread, and idle ones are closed after
 * {@link #IDLE_TIMEOUT}. It binds to the member's interface only.
 */
final class MemberEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberEndpoint.class);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> PATHS = Set.of("/health", "/health/live", "/health/ready", "/metrics");

    private final Server server;
    private final ServerConnector connector;

    private MemberEndpoint(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** @param reader the binlog reader's status on this member, or null when the reader is off */
    static MemberEndpoint start(InetSocketAddress address, HazelcastInstance hazelcast, DataSource database,
                                PrometheusMeterRegistry meters, Supplier<@Nullable BinlogReaderStatus> reader) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("member-endpoint");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrors());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                boolean known = PATHS.contains(path);
                Answer answer;
                if (!known) {
                    answer = Answer.problem(404, "no such path; this member serves " + String.join(", ",
                            new TreeSet<>(PATHS)));
                } else if (!HttpMethod.GET.is(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET");
                    answer = Answer.problem(405, "only GET is allowed here");
                } else if ("/health/live".equals(path)) {
                    answer = hazelcast.getLifecycleService().isRunning()
                            ? new Answer(200, "application/json", "{\"status\":\"UP\"}")
                            : new Answer(503, "application/json", "{\"status\":\"DOWN\"}");
                } else if (path.startsWith("/health")) {
                    answer = health(hazelcast, database, reader.get());
                } else {
                    answer = new Answer(200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape());
                }
                answer.send(response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not serve member health and metrics on " + address, e);
        }
        log.info("Member health at http://{}:{}/health, metrics at /metrics", address.getHostString(),
                connector.getLocalPort());
        return new MemberEndpoint(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** A status, a content type and a body. */
    private record Answer(int status, String contentType, String body) {

        static Answer problem(int status, String detail) {
            return new Answer(status, "application/problem+json", problemJson(status, detail));
        }

        void send(Response response, Callback callback) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /** Jetty's own errors (a malformed request, an unknown HTTP version) as problem documents, not HTML. */
    private static final class ProblemErrors extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            Answer.problem(code, HttpStatus.getMessage(code)).send(response, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
            return ByteBuffer.wrap(problemJson(status, HttpStatus.getMessage(status))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String problemJson(int status, String detail) {
        String name = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 505 -> "http-version-not-supported";
            default -> status < 500 ? "invalid-request" : "internal-error";
        };
        return "{\"type\":\"urn:flashsale:problem:%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(name, jsonText(HttpStatus.getMessage(status)), status, jsonText(detail));
    }

    private static Answer health(HazelcastInstance hazelcast, DataSource database, BinlogReaderStatus reader) {
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
        boolean readerFailing = reader != null && reader.failing();
        String status = problem != null ? "DOWN"
                : "UP".equals(databaseStatus) && writes && !readerFailing ? "UP" : "DEGRADED";
        String readerJson = reader == null ? "{\"status\":\"OFF\"}"
                : "{\"status\":\"%s\"%s}".formatted(reader.state(),
                        reader.reason() == null ? "" : ",\"reason\":\"" + jsonText(reader.reason()) + "\"");
        String body = ("{\"status\":\"%s\",\"clusterState\":\"%s\",\"members\":%d,\"writes\":\"%s\","
                + "\"database\":\"%s\",\"binlogReader\":%s%s}")
                .formatted(status, cluster, members, writes ? "ACCEPTED" : "REFUSED", databaseStatus, readerJson,
                        problem == null ? "" : ",\"reason\":\"" + problem + "\"");
        return new Answer(problem == null ? 200 : 503, "application/json", body);
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Could not stop the member's HTTP endpoint", e);
        }
    }
}
