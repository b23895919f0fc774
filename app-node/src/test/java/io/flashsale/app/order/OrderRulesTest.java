package io.flashsale.app.order;

import io.flashsale.app.WebRulesTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static io.flashsale.app.ProblemAssertions.problem;

/** An order's life over HTTP: which call finds it, and which problem refuses a step its status does not allow. */
class OrderRulesTest extends WebRulesTest {

    private String newOrder() {
        String saleId = createSale(10, 5, Instant.now());
        AtomicReference<Object> id = new AtomicReference<>();
        purchase(saleId, "ann", 1, null).expectStatus().isCreated()
                .expectBody().jsonPath("$.orderId").value(id::set);
        return String.valueOf(id.get());
    }

    private RestTestClient.ResponseSpec pay(String orderId, String paymentRef) {
        return http.post().uri("/api/orders/{id}/payment", orderId).header("Authorization", admin()).contentType(MediaType.APPLICATION_JSON)
                .body("{\"paymentRef\":\"" + paymentRef + "\"}").exchange();
    }

    private RestTestClient.ResponseSpec cancel(String orderId) {
        return http.post().uri("/api/orders/{id}/cancel", orderId).header("Authorization", bearer("ann")).exchange();
    }

    @Test
    void anUnknownOrMalformedOrderIdIsNotFound() {
        problem(http.get().uri("/api/orders/{id}", newId("none")).header("Authorization", bearer("ann")).exchange(),
                404, "order-not-found");
        problem(http.get().uri("/api/orders/{id}", "x".repeat(65)).header("Authorization", admin()).exchange(),
                404, "order-not-found");
        problem(pay(newId("none"), "ref-1"), 404, "order-not-found");
        problem(cancel(newId("none")), 404, "order-not-found");
    }

    @Test
    void aPaidOrderTakesItsOwnPaymentAgainAndNothingElse() {
        String orderId = newOrder();
        pay(orderId, "ref-a").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
        pay(orderId, "ref-a").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PAID");
        problem(pay(orderId, "ref-b"), 409, "order-not-payable");
        problem(cancel(orderId), 409, "order-not-cancellable");
    }

    @Test
    void aCancelledOrderCanNeitherBePaidNorCancelledAgain() {
        String orderId = newOrder();
        cancel(orderId).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        problem(cancel(orderId), 409, "order-not-cancellable");
        problem(pay(orderId, "ref-c"), 409, "order-not-payable");
    }

    @Test
    void aPaymentReferenceIsAnId() {
        problem(pay(newOrder(), "no spaces"), 400, "invalid-request");
    }
}
