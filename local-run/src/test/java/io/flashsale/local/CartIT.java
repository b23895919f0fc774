package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carts over real HTTP on two app nodes (and a third with a small stream limit): a change made on one node is read
 * at once on the other and arrives on an event stream opened there within a second; the cart reaches the
 * {@code carts} table; bad input is refused per API.md.
 */
class CartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestSystem sut;
    private static Api first;
    private static Api second;
    private static Api limited;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("carts", 2);
        first = sut.api;
        second = new Api(LocalSystem.baseUrl(sut.system.startAppNode(0, TestSystem.TOKEN,
                TestSystem.NO_TRAFFIC_LIMITS)), TestSystem.TOKEN);
        Map<String, Object> twoStreams = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        twoStreams.put("flashsale.cart-streams", 2);
        limited = new Api(LocalSystem.baseUrl(sut.system.startAppNode(0, TestSystem.TOKEN, twoStreams)),
                TestSystem.TOKEN);
        for (int i = 0; i <= 100; i++) {
            assertThat(first.put("/api/admin/products/cart-p" + i,
                    "{\"name\":\"P" + i + "\",\"description\":\"d\",\"price\":\"1.00\"}", first.admin()).status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void aChangeOnOneNodeIsReadOnTheOtherAtOnceAndStreamedThereWithinASecond() throws Exception {
        try (EventStream stream = EventStream.open(second, "phone-user")) {
            assertThat(stream.next().get("version").asLong()).as("the cart as it is, first").isZero();
            List<Long> latencies = new ArrayList<>();
            for (int change = 1; change <= 20; change++) {
                long sent = System.nanoTime();
                Api.Response put = first.put("/api/users/phone-user/cart/items/cart-p" + (change % 3),
                        "{\"quantity\":" + change + "}");
                assertThat(put.status()).isEqualTo(200);
                long version = put.body().get("version").asLong();
                assertThat(second.get("/api/users/phone-user/cart").body().get("version").asLong())
                        .as("read-your-writes on the other node").isEqualTo(version);
                JsonNode event = stream.next();
                latencies.add((stream.lastArrival() - sent) / 1_000_000);
                assertThat(event.get("version").asLong()).isEqualTo(version);
                assertThat(event.get("items")).isEqualTo(put.body().get("items"));
            }
            Collections.sort(latencies);
            System.out.printf("CartIT: 20 cart changes on one node reached an event stream on the other after "
                    + "%d ms median, %d ms at most%n", latencies.get(10), latencies.get(19));
            assertThat(latencies.get(19)).isLessThan(1_000);

            assertThat(first.put("/api/users/phone-user/cart/items/cart-p0", "{\"quantity\":0}").body()
                    .get("items").size()).isEqualTo(2);
            assertThat(stream.next().get("items").size()).isEqualTo(2);
            assertThat(second.delete("/api/users/phone-user/cart").status()).isEqualTo(204);
            assertThat(stream.next().get("items").size()).isZero();
            assertThat(first.get("/api/users/phone-user/cart").body().get("items").size()).isZero();
        }
    }

    @Test
    void theCartReachesTheCartsTable() throws Exception {
        first.put("/api/users/stored-user/cart/items/cart-p7", "{\"quantity\":3}");
        first.put("/api/users/stored-user/cart/items/cart-p8", "{\"quantity\":1}");
        second.put("/api/users/stored-user/cart/items/cart-p7", "{\"quantity\":4}");
        first.flush();
        Map<String, Integer> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(sut.database.url(), sut.database.user(),
                sut.database.password());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT product_id, quantity FROM carts WHERE user_id = ? ORDER BY line")) {
            select.setString(1, "stored-user");
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.put(row.getString(1), row.getInt(2));
                }
            }
        }
        assertThat(rows).containsExactly(Map.entry("cart-p7", 4), Map.entry("cart-p8", 1));
        Api.Response cart = second.get("/api/users/nobody-yet/cart");
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.body().get("items").size()).isZero();
        assertThat(cart.body().get("version").asLong()).isZero();
    }

    @Test
    void badInputIsRefusedAndACartHoldsAtMostOneHundredProducts() {
        assertThat(first.put("/api/users/picky/cart/items/cart-p1", "{\"quantity\":100}").problemType())
                .isEqualTo("urn:flashsale:problem:invalid-request");
        assertThat(first.put("/api/users/picky/cart/items/cart-p1", "{\"quantity\":-1}").status()).isEqualTo(400);
        assertThat(first.put("/api/users/picky/cart/items/cart-p1", "{\"quantity\":1.5}").status()).isEqualTo(400);
        assertThat(first.put("/api/users/picky/cart/items/cart-p1", "{}").status()).isEqualTo(400);
        assertThat(first.put("/api/users/picky/cart/items/no-such-product", "{\"quantity\":1}").problemType())
                .isEqualTo("urn:flashsale:problem:product-not-found");
        assertThat(first.put("/api/users/bad%20user/cart/items/cart-p1", "{\"quantity\":1}").status())
                .isEqualTo(400);

        for (int i = 0; i < 100; i++) {
            assertThat(first.put("/api/users/hoarder/cart/items/cart-p" + i, "{\"quantity\":1}").status())
                    .isEqualTo(200);
        }
        Api.Response full = first.put("/api/users/hoarder/cart/items/cart-p100", "{\"quantity\":1}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problemType()).isEqualTo("urn:flashsale:problem:cart-full");
        assertThat(first.put("/api/users/hoarder/cart/items/cart-p5", "{\"quantity\":9}").status())
                .as("a line already there may still change").isEqualTo(200);
        assertThat(second.get("/api/users/hoarder/cart").body().get("items").size()).isEqualTo(100);
    }

    @Test
    void aNodeHoldsABoundedNumberOfStreamsAndSaysSo() throws Exception {
        try (EventStream one = EventStream.open(limited, "a");
             EventStream two = EventStream.open(limited, "b")) {
            one.next();
            two.next();
            HttpResponse<String> third = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(limited.base() + "/api/users/c/cart/events")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", limited.as("c")[1]).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(third.body()).contains("urn:flashsale:problem:unavailable");
        }
    }

    @Test
    void aBuyerHoldsFiveStreamsOnANodeAndIsToldToWaitForASixth() throws Exception {
        List<EventStream> five = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                EventStream stream = EventStream.open(first, "many-devices");
                five.add(stream);
                stream.next();
            }
            HttpResponse<String> sixth = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(first.base() + "/api/users/many-devices/cart/events"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", first.as("many-devices")[1]).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            assertThat(sixth.body()).contains("urn:flashsale:problem:rate-limited");
            try (EventStream otherBuyer = EventStream.open(first, "one-device")) {
                assertThat(otherBuyer.next().get("userId").asString()).isEqualTo("one-device");
            }
        } finally {
            five.forEach(EventStream::close);
        }
    }

    /**
     * A client that opens a stream and never reads (its socket's buffers fill with the events of a large cart
     * changing) costs only its own stream: another user's stream on the same node gets each change within seconds.
     */
    @Test
    void aStalledStreamDelaysNoOtherStream() throws Exception {
        for (int i = 0; i < 99; i++) {
            assertThat(first.put("/api/users/stalled/cart/items/cart-p" + i, "{\"quantity\":1}").status())
                    .isEqualTo(200);
        }
        URI uri = URI.create(first.base());
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(2048);
            stalled.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
            stalled.getOutputStream().write(("GET /api/users/stalled/cart/events HTTP/1.1\r\nHost: app\r\n"
                    + "Authorization: " + first.as("stalled")[1] + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try (EventStream healthy = EventStream.open(first, "healthy")) {
                healthy.next();
                // About 4 KB an event for the stalled client, until its socket and the server's are full.
                for (int i = 0; i < 3_000; i++) {
                    first.put("/api/users/stalled/cart/items/cart-p" + (i % 99), "{\"quantity\":" + (2 + i % 50)
                            + "}");
                }
                long slowest = 0;
                for (int change = 1; change <= 10; change++) {
                    long sent = System.nanoTime();
                    assertThat(first.put("/api/users/healthy/cart/items/cart-p1", "{\"quantity\":" + change + "}")
                            .status()).isEqualTo(200);
                    JsonNode event = healthy.next();
                    while (event.get("items").get(0).get("quantity").asInt() != change) {
                        event = healthy.next();
                    }
                    slowest = Math.max(slowest, (healthy.lastArrival() - sent) / 1_000_000);
                }
                System.out.printf("CartIT: beside a stalled stream, the slowest of 10 changes on another stream"
                        + " arrived after %d ms%n", slowest);
                assertThat(slowest).isLessThan(5_000);
            }
        }
    }

    private static final class EventStream implements AutoCloseable {
        private final BlockingQueue<Object[]> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        private long lastArrival;

        private EventStream(Api api, String userId) {
            response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create(api.base() + "/api/users/" + userId + "/cart/events"))
                    .header("Accept", "text/event-stream").header(api.as(userId)[0], api.as(userId)[1]).build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> CompletableFuture.runAsync(() -> r.body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> events.add(new Object[] {System.nanoTime(), line.substring(5).trim()}))));
        }

        /** The event stream of {@code userId}'s cart, opened with their token. */
        static EventStream open(Api api, String userId) {
            return new EventStream(api, userId);
        }

        JsonNode next() throws Exception {
            Object[] event = events.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("an event within 5 s").isNotNull();
            lastArrival = (long) event[0];
            return JSON.readTree((String) event[1]);
        }

        long lastArrival() {
            return lastArrival;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }
}
