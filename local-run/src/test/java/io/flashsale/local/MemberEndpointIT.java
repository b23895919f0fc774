package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.gridnode.GridMember;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member's {@code /health} and {@code /metrics} answer while hundreds of clients hold connections idle or
 * half-sent (a liveness probe must not fail behind them), and every answer, errors included, is JSON.
 */
class MemberEndpointIT {

    private static Database.Settings database;
    private static LocalSystem system;
    private static String base;

    @BeforeAll
    static void start() {
        database = TestDatabases.fresh("member-endpoint");
        system = LocalSystem.startGrid("member-endpoint-" + UUID.randomUUID(), database, LocalPorts.free(1));
        base = "http://127.0.0.1:" + system.members().get(0).serveHttp("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        system.close();
        TestDatabases.drop(database);
    }

    @Test
    void healthAndMetricsAnswerBehindHundredsOfIdleAndHalfSentRequests() throws Exception {
        URI uri = URI.create(base);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: member\r\n"
                            .getBytes(StandardCharsets.US_ASCII)); // no blank line: the request never ends
                }
                held.add(socket);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : List.of("/health", "/metrics", "/health")) {
                long started = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("MemberEndpointIT: %s answered %d in %d ms behind 150 idle and 150 half-sent"
                        + " requests%n", path, answer.statusCode(), (System.nanoTime() - started) / 1_000_000);
                assertThat(answer.statusCode()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void livenessStaysUpWhilePartitionsMigrateToAJoiningMember() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        java.util.Map<Integer, Integer> live = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<Integer, Integer> ready = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    live.merge(status(http, "/health/live"), 1, Integer::sum);
                    ready.merge(status(http, "/health/ready"), 1, Integer::sum);
                } catch (Exception e) {
                    live.merge(-1, 1, Integer::sum);
                }
            }
        });
        poller.start();
        try (GridMember joined = GridMember.start(system.settings().withPort(LocalPorts.free(1)[0]), database)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> joined.hazelcast().getPartitionService()
                    .isClusterSafe());
            Thread.sleep(500);
        } finally {
            polling.set(false);
            poller.join();
        }
        System.out.printf("MemberEndpointIT: while a member joined and left: live %s, ready %s%n", live, ready);
        assertThat(live.keySet()).containsOnly(200);
    }

    private static int status(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void errorsAreProblemDocuments() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.body()).contains("\"status\":404").contains("\"type\":");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String broken = Api.raw(base, "GET /health HTTP/9.9\r\nHost: m\r\n\r\n");
        assertThat(broken).startsWith("HTTP/1.1 ").doesNotContain("<html").contains("\"status\":");
    }
}
