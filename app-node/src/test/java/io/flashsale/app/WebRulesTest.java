package io.flashsale.app;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.UUID;

/**
 * An app node on a free port in front of {@link OneMemberGrid}, for the tests of one controller's rules: request
 * parsing, problem mapping, who may call. Every subclass shares the one context (Spring caches it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebRulesTest {

    protected static final String ADMIN_TOKEN = "web-rules-admin-token";
    protected static final String PROBLEM = "urn:flashsale:problem:";

    @LocalServerPort
    private int port;

    protected RestTestClient http;

    @DynamicPropertySource
    static void grid(DynamicPropertyRegistry properties) {
        properties.add("flashsale.cluster-name", () -> OneMemberGrid.settings().clusterName());
        properties.add("flashsale.members", () -> String.join(",", OneMemberGrid.settings().members()));
        properties.add("flashsale.admin-token", () -> ADMIN_TOKEN);
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
        http.put().uri("/api/admin/products/{id}", productId).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"19.99\"}")
                .exchange().expectStatus().isOk();
        String saleId = newId("s");
        http.post().uri("/api/admin/sales").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"saleId\":\"" + saleId + "\",\"productId\":\"" + productId + "\",\"stock\":" + stock
                        + ",\"segments\":2,\"perUserLimit\":" + perUserLimit + ",\"startsAt\":\"" + startsAt + "\"}")
                .exchange().expectStatus().isCreated();
        return saleId;
    }

    /** A purchase of {@code quantity} by {@code userId}, with {@code key} as its Idempotency-Key unless null. */
    protected RestTestClient.ResponseSpec purchase(String saleId, String userId, int quantity, String key) {
        RestTestClient.RequestBodySpec request = http.post().uri("/api/sales/{id}/purchases", saleId)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body("{\"userId\":\"" + userId + "\",\"quantity\":" + quantity + "}").exchange();
    }
}
