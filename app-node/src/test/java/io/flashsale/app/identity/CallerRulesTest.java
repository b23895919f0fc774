package io.flashsale.app.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.WebRulesTest;
import io.flashsale.model.MapNames;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.flashsale.app.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md, "Who may call what", over real HTTP in front of a real member: which tokens are refused (401, nothing
 * changes), what a buyer may not touch of another's (404 for orders, 403 for carts), payments by the admin token
 * only, a payment reference used once, and the per-user limit held per token subject.
 */
class CallerRulesTest extends WebRulesTest {

    private RestTestClient.ResponseSpec buy(String saleId, String authorization) {
        RestTestClient.RequestBodySpec request = http.post().uri("/api/sales/{id}/purchases", saleId)
                .contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.body("{\"quantity\":1}").exchange();
    }

    @Autowired
    private HazelcastInstance grid;

    /** Units sold, as the sale's stock segments have it (this grid has no database for the audit). */
    private int sold(String saleId) {
        IMap<StockKey, StockSegment> stock = grid.getMap(MapNames.STOCK);
        return stock.getAll(Set.of(new StockKey(saleId, 0), new StockKey(saleId, 1))).values().stream()
                .mapToInt(StockSegment::sold).sum();
    }

    private static void unauthorized(RestTestClient.ResponseSpec response) {
        response.expectHeader().value("WWW-Authenticate", value -> assertThat(value).startsWith("Bearer"));
        problem(response, 401, "unauthorized");
    }

    private String orderOf(String saleId, String buyer) {
        Map<?, ?> order = buy(saleId, bearer(buyer)).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody();
        return (String) order.get("orderId");
    }

    private String statusOf(String orderId) {
        Map<?, ?> order = http.get().uri("/api/orders/{id}", orderId).header("Authorization", admin()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) order.get("status");
    }

    @Test
    void aPurchaseWithoutAGoodTokenIsRefusedAndBuysNothing() {
        String saleId = createSale(100, 5, Instant.now());
        JWTClaimsSet good = ForgedTokens.claims("mallory", JWT_ISSUER, JWT_AUDIENCE).build();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(2));
        List<String> refused = List.of(
                "", // no token at all: the header is left out below
                "Bearer not-a-jwt",
                "Bearer " + ForgedTokens.hs256("another-secret-that-is-32-bytes-long!", good),
                "Bearer " + ForgedTokens.unsigned(good),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good)
                        .issueTime(Date.from(longAgo.minusSeconds(60))).expirationTime(Date.from(longAgo)).build()),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good)
                        .expirationTime(null).build()),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good).subject(null).build()),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good).subject("a b").build()),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good)
                        .issuer("https://evil.example/").build()),
                "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good)
                        .audience("someone-else").build()),
                "Bearer " + ADMIN_TOKEN + "x",
                "Basic " + ADMIN_TOKEN);
        for (String authorization : refused) {
            unauthorized(buy(saleId, authorization.isEmpty() ? null : authorization));
        }
        assertThat(sold(saleId)).isZero();

        // The same claims, signed with the secret and within the clock skew, buy; so does a lower-case scheme.
        buy(saleId, "Bearer " + ForgedTokens.hs256(JWT_SECRET, good)).expectStatus().isCreated();
        buy(saleId, "Bearer " + ForgedTokens.hs256(JWT_SECRET, new JWTClaimsSet.Builder(good)
                .issueTime(Date.from(longAgo)).expirationTime(Date.from(Instant.now().minusSeconds(5))).build()))
                .expectStatus().isCreated();
        buy(saleId, "bearer " + ForgedTokens.hs256(JWT_SECRET, good)).expectStatus().isCreated();
        assertThat(sold(saleId)).isEqualTo(3);
    }

    @Test
    void aBuyerMeetsNoneOfAnotherBuyersOrders() {
        String saleId = createSale(10, 5, Instant.now());
        String bobs = orderOf(saleId, "bob");

        problem(http.get().uri("/api/orders/{id}", bobs).header("Authorization", bearer("eve")).exchange(),
                404, "order-not-found");
        problem(http.post().uri("/api/orders/{id}/cancel", bobs).header("Authorization", bearer("eve")).exchange(),
                404, "order-not-found");
        unauthorized(http.get().uri("/api/orders/{id}", bobs).exchange());
        assertThat(statusOf(bobs)).isEqualTo("ACCEPTED");
        assertThat(sold(saleId)).isEqualTo(1);

        http.get().uri("/api/orders/{id}", bobs).header("Authorization", bearer("bob")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo("bob");
        http.post().uri("/api/orders/{id}/cancel", bobs).header("Authorization", bearer("bob")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
    }

    @Test
    void aBuyerMeetsNoneOfAnotherBuyersCart() {
        String productId = newId("p");
        http.put().uri("/api/admin/products/{id}", productId).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Mug\",\"description\":\"d\",\"price\":\"4.99\"}").exchange().expectStatus().isOk();
        String bob = newId("bob");
        http.put().uri("/api/users/{u}/cart/items/{p}", bob, productId).header("Authorization", bearer(bob))
                .contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":2}").exchange().expectStatus().isOk();

        String eve = bearer("eve");
        problem(http.get().uri("/api/users/{u}/cart", bob).header("Authorization", eve).exchange(), 403, "forbidden");
        problem(http.put().uri("/api/users/{u}/cart/items/{p}", bob, productId).header("Authorization", eve)
                .contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":9}").exchange(), 403, "forbidden");
        problem(http.delete().uri("/api/users/{u}/cart", bob).header("Authorization", eve).exchange(),
                403, "forbidden");
        problem(http.get().uri("/api/users/{u}/cart/events", bob).header("Authorization", eve).exchange(),
                403, "forbidden");
        problem(http.get().uri("/api/users/{u}/cart", bob).header("Authorization", admin()).exchange(),
                403, "forbidden");
        unauthorized(http.get().uri("/api/users/{u}/cart/events", bob).exchange());

        http.get().uri("/api/users/{u}/cart", bob).header("Authorization", bearer(bob)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].quantity").isEqualTo(2);
    }

    @Test
    void onlyTheAdminTokenPaysAndAPaymentReferencePaysOneOrder() {
        String saleId = createSale(10, 5, Instant.now());
        String first = orderOf(saleId, "payer");
        String second = orderOf(saleId, "payer");
        Function<String, RestTestClient.RequestBodySpec> payment = orderId -> http.post()
                .uri("/api/orders/{id}/payment", orderId).contentType(MediaType.APPLICATION_JSON);
        String ref = newId("ref");

        problem(payment.apply(first).header("Authorization", bearer("payer")).body("{\"paymentRef\":\"" + ref + "\"}")
                .exchange(), 403, "forbidden");
        unauthorized(payment.apply(first).body("{\"paymentRef\":\"" + ref + "\"}").exchange());
        assertThat(statusOf(first)).isEqualTo("ACCEPTED");

        payment.apply(first).header("Authorization", admin()).body("{\"paymentRef\":\"" + ref + "\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
        problem(payment.apply(second).header("Authorization", admin()).body("{\"paymentRef\":\"" + ref + "\"}")
                .exchange(), 409, "payment-ref-used");
        assertThat(statusOf(second)).isEqualTo("ACCEPTED");
        // The reference still belongs to the first order, whose repeat is answered as before.
        payment.apply(first).header("Authorization", admin()).body("{\"paymentRef\":\"" + ref + "\"}").exchange()
                .expectStatus().isOk();
        // A reference refused by an order that cannot take it stays free for another.
        String cancelled = orderOf(saleId, "payer");
        http.post().uri("/api/orders/{id}/cancel", cancelled).header("Authorization", bearer("payer")).exchange()
                .expectStatus().isOk();
        String other = newId("ref");
        problem(payment.apply(cancelled).header("Authorization", admin()).body("{\"paymentRef\":\"" + other + "\"}")
                .exchange(), 409, "order-not-payable");
        payment.apply(second).header("Authorization", admin()).body("{\"paymentRef\":\"" + other + "\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
    }

    @Test
    void theAdminApiTakesTheAdminTokenOnly() {
        unauthorized(http.post().uri("/api/admin/flush").header("Authorization", bearer("ann")).exchange());
        unauthorized(http.post().uri("/api/admin/tokens").header("Authorization", bearer("ann"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"ann\"}").exchange());
        unauthorized(http.post().uri("/api/admin/flush").exchange());
    }

    @Test
    void theMetadataA401PointsToIsServed() {
        http.get().uri("/.well-known/oauth-protected-resource").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.resource").isNotEmpty()
                .jsonPath("$.bearer_methods_supported[0]").isEqualTo("header");
    }

    @Test
    void mintedTokensLastWhatWasAskedUpToADay() {
        EntityExchangeResult<Map> minted = http.post().uri("/api/admin/tokens").header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"auth0|ann@example.com\",\"ttl\":\"PT2M\"}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult();
        Map<?, ?> body = minted.getResponseBody();
        assertThat(body.get("userId")).isEqualTo("auth0|ann@example.com");
        assertThat(Instant.parse((String) body.get("expiresAt")))
                .isBetween(Instant.now().plusSeconds(60), Instant.now().plusSeconds(121));
        String saleId = createSale(5, 1, Instant.now());
        buy(saleId, "Bearer " + body.get("token")).expectStatus().isCreated()
                .expectBody().jsonPath("$.userId").isEqualTo("auth0|ann@example.com");

        for (String bad : List.of("{\"userId\":\"ann\",\"ttl\":\"P2D\"}", "{\"userId\":\"ann\",\"ttl\":\"PT0S\"}",
                "{\"userId\":\"ann\",\"ttl\":\"1h\"}", "{\"userId\":\"a b\"}", "{}")) {
            problem(http.post().uri("/api/admin/tokens").header("Authorization", admin())
                    .contentType(MediaType.APPLICATION_JSON).body(bad).exchange(), 400, "invalid-request");
        }
    }

    @Test
    void fiftyParallelPurchasesOfOneBuyerGetTheLimitAndNoMore() throws Exception {
        String saleId = createSale(100, 3, Instant.now());
        String token = bearer(newId("eager"));
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> buy(saleId, token).returnResult().getStatus().value()));
            }
        } finally {
            callers.shutdown();
        }
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        for (Future<Integer> answer : answers) {
            statuses.merge(answer.get(), 1L, Long::sum);
        }
        assertThat(statuses).containsExactly(Map.entry(201, 3L), Map.entry(409, 47L));
        assertThat(sold(saleId)).isEqualTo(3);
    }

    @Test
    void oneIdempotencyKeyOfTwoBuyersMakesTwoOrders() {
        String saleId = createSale(10, 2, Instant.now());
        String key = newId("key");
        List<String> orders = List.of("kim", "lee").stream().map(buyer -> {
            Map<?, ?> order = http.post().uri("/api/sales/{id}/purchases", saleId).header("Authorization", bearer(buyer))
                    .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":1}")
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            return order.get("userId") + ":" + order.get("orderId");
        }).collect(Collectors.toList());
        assertThat(orders).hasSize(2).doesNotHaveDuplicates();
        assertThat(sold(saleId)).isEqualTo(2);
    }
}
