package io.flashsale.app.sale;

import io.flashsale.app.WebRulesTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static io.flashsale.app.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;

/** The purchase table of the contract: how a request is read, and which problem answers each refusal. */
class PurchaseRulesTest extends WebRulesTest {

    /** An edge cache (nginx, a CDN) may hold a sale for its second of lag and revalidate it by its version. */
    @Test
    void aSaleReadIsCacheableForASecondAndRevalidatesWithItsETag() {
        String saleId = createSale(10, 2, Instant.now());
        AtomicReference<String> etag = new AtomicReference<>();
        http.get().uri("/api/sales/{id}", saleId).exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", "public, max-age=1|max-age=1, public")
                .expectHeader().value("ETag", etag::set)
                .expectBody().jsonPath("$.remaining").isEqualTo(10);
        http.get().uri("/api/sales/{id}", saleId).ifNoneMatch(etag.get()).exchange().expectStatus().isNotModified();
        http.post().uri("/api/sales/{id}/purchases", saleId).header("Authorization", bearer("etag-buyer"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":1}").exchange().expectStatus().isCreated();
        // The sale's remaining is read at most once a second; once it moved, the old version is stale.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                http.get().uri("/api/sales/{id}", saleId).ifNoneMatch(etag.get()).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.remaining").isEqualTo(9));
    }

    @Test
    void anAcceptedPurchaseIsCreatedAtItsOrder() {
        String saleId = createSale(10, 2, Instant.now());
        purchase(saleId, "ann", 2, null).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/orders/[^/]+")
                .expectBody().jsonPath("$.saleId").isEqualTo(saleId).jsonPath("$.userId").isEqualTo("ann")
                .jsonPath("$.quantity").isEqualTo(2).jsonPath("$.status").isEqualTo("ACCEPTED");
    }

    @Test
    void requestsThatCannotBeReadAreInvalid() {
        String saleId = createSale(10, 2, Instant.now());
        problem(asAnn(saleId, "{\"userId\":\"ann\","), 400, "invalid-request");
        problem(asAnn(saleId, "{\"userId\":\"ann\"}"), 400, "invalid-request");
        problem(asAnn(saleId, "{\"userId\":\"a b\",\"quantity\":1}"), 400, "invalid-request");
        problem(asAnn(saleId, "{\"userId\":\"\",\"quantity\":1}"), 400, "invalid-request");
        problem(asAnn(saleId, "{\"userId\":\"" + "u".repeat(65) + "\",\"quantity\":1}"), 400, "invalid-request");
        problem(purchase(saleId, "ann", 0, null), 400, "invalid-request");
        problem(purchase(saleId, "ann", 3, null), 400, "invalid-request"); // over the per-user limit of 2
        problem(purchase(saleId, "ann", 1, "no spaces"), 400, "invalid-request");
        problem(purchase(saleId, "ann", 1, "k".repeat(65)), 400, "invalid-request");
    }

    @Test
    void theBuyerIsTheTokensSubjectWhetherOrNotTheBodyNamesThem() {
        String saleId = createSale(10, 2, Instant.now());
        asAnn(saleId, "{\"quantity\":1}").expectStatus().isCreated().expectBody().jsonPath("$.userId").isEqualTo("ann");
        problem(asAnn(saleId, "{\"userId\":\"bob\",\"quantity\":1}"), 403, "forbidden");
        problem(http.post().uri("/api/sales/{id}/purchases", saleId).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":1}").exchange(), 403, "forbidden");
        // ann's second unit is her last: bob's name in the body bought nothing.
        asAnn(saleId, "{\"userId\":\"ann\",\"quantity\":1}").expectStatus().isCreated();
        problem(asAnn(saleId, "{\"quantity\":1}"), 409, "purchase-limit");
    }

    private RestTestClient.ResponseSpec asAnn(String saleId, String body) {
        return http.post().uri("/api/sales/{id}/purchases", saleId).header("Authorization", bearer("ann"))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void anUnknownSaleIsNotFound() {
        problem(purchase(newId("unknown"), "ann", 1, null), 404, "sale-not-found");
    }

    @Test
    void eachRefusalHasItsProblem() {
        String later = createSale(10, 2, Instant.now().plus(Duration.ofHours(1)));
        problem(purchase(later, "ann", 1, null), 409, "sale-not-active");
        problem(purchase(later, "ann", 1, newId("k")), 409, "sale-not-active");

        String one = createSale(1, 1, Instant.now());
        purchase(one, "ann", 1, null).expectStatus().isCreated();
        problem(purchase(one, "bob", 1, null), 409, "sold-out");

        String limited = createSale(10, 2, Instant.now());
        purchase(limited, "ann", 2, null).expectStatus().isCreated();
        problem(purchase(limited, "ann", 1, null), 409, "purchase-limit");
    }

    @Test
    void aKeyAnswersItsFirstPurchaseAndRefusesAnotherBody() {
        String saleId = createSale(10, 2, Instant.now());
        String key = newId("key");
        AtomicReference<Object> first = new AtomicReference<>();
        purchase(saleId, "ann", 1, key).expectStatus().isCreated()
                .expectBody().jsonPath("$.orderId").value(first::set);
        purchase(saleId, "ann", 1, key).expectStatus().isOk()
                .expectBody().jsonPath("$.orderId").isEqualTo(first.get());
        problem(purchase(saleId, "ann", 2, key), 422, "idempotency-key-reused");
    }
}
