package io.flashsale.app;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An app node on a free port in front of {@link OneMemberGrid}, for the tests of one controller's rules: request
 * parsing, problem mapping, who may call. Every subclass shares the one context (Spring caches it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebRulesTest {

    protected static final String ADMIN_TOKEN = "web-rules-admin-token";
    protected static final String JWT_SECRET = "web-rules-jwt-secret-of-at-least-32-bytes";
    protected static final String JWT_ISSUER = "https://id.example.test/";
    protected static final String JWT_AUDIENCE = "flashsale";
    protected static final String PROBLEM = "urn:flashsale:problem:";

    @LocalServerPort
    private int port;

    protected RestTestClient http;

    /** Buyer tokens this test class minted, by buyer. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        properties.add("flashsale.cluster-name", () -> OneMemberGrid.settings().clusterName());
        properties.add("flashsale.members", () -> String.join(",", OneMemberGrid.settings().members()));
        properties.add("flashsale.admin-token", () -> ADMIN_TOKEN);
        properties.add("flashsale.jwt.secret", () -> JWT_SECRET);
        properties.add("flashsale.jwt.issuer", () -> JWT_ISSUER);
        properties.add("flashsale.jwt.audience", () -> JWT_AUDIENCE);
        // No rate limit gets in the way of a rule under test.
        properties.add("flashsale.traffic.rate-per-second", () -> 1_000_000);
        properties.add("flashsale.traffic.burst", () -> 1_000_000);
        properties.add("flashsale.traffic.user-rate-per-second", () -> 1_000_000);
        properties.add("flashsale.traffic.user-burst", () -> 1_000_000);
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** A new id, unique across the tests sharing the grid. */
    protected static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a product and a sale of it through the admin API; returns the sale id. */
    protected String createSale(int stock, int perUserLimit, Instant startsAt) {
        String productId = newId("p");
        http.put().uri("/api/admin/products/{id}", productId).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"19.99\"}")
                .exchange().expectStatus().isOk();
        String saleId = newId("s");
        http.post().uri("/api/admin/sales").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"saleId\":\"" + saleId + "\",\"productId\":\"" + productId + "\",\"stock\":" + stock
                        + ",\"segments\":2,\"perUserLimit\":" + perUserLimit + ",\"startsAt\":\"" + startsAt + "\"}")
                .exchange().expectStatus().isCreated();
        return saleId;
    }

    /** {@code Authorization} of {@code userId}: a token minted by the node ({@code POST /api/admin/tokens}). */
    protected String bearer(String userId) {
        return "Bearer " + tokens.computeIfAbsent(userId, user -> {
            AtomicReference<Object> token = new AtomicReference<>();
            http.post().uri("/api/admin/tokens").header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"" + user + "\"}")
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.token").value(token::set);
            return String.valueOf(token.get());
        });
    }

    /** {@code Authorization} with the admin token. */
    protected static String admin() {
        return "Bearer " + ADMIN_TOKEN;
    }

    /** A purchase of {@code quantity} by {@code userId}, with {@code key} as its Idempotency-Key unless null. */
    protected RestTestClient.ResponseSpec purchase(String saleId, String userId, int quantity, String key) {
        RestTestClient.RequestBodySpec request = http.post().uri("/api/sales/{id}/purchases", saleId)
                .header("Authorization", bearer(userId)).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body("{\"userId\":\"" + userId + "\",\"quantity\":" + quantity + "}").exchange();
    }
}
