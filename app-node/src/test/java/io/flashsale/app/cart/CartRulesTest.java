package io.flashsale.app.cart;

import io.flashsale.app.WebRulesTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.flashsale.app.ProblemAssertions.problem;

/** Carts over HTTP: an empty cart for a new buyer, item quantities in 0..99 of products that exist. */
class CartRulesTest extends WebRulesTest {

    private RestTestClient.ResponseSpec setItem(String userId, String productId, String body) {
        return http.put().uri("/api/users/{u}/cart/items/{p}", userId, productId).header("Authorization", bearer(userId))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void aNewBuyerHasAnEmptyCart() {
        String userId = newId("u");
        http.get().uri("/api/users/{u}/cart", userId).header("Authorization", bearer(userId)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo(userId).jsonPath("$.items").isEmpty();
    }

    @Test
    void itemsAreProductsThatExistInQuantitiesUpTo99() {
        String userId = newId("u");
        String productId = newId("p");
        http.put().uri("/api/admin/products/{id}", productId).header("Authorization", admin())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"19.99\"}")
                .exchange().expectStatus().isOk();
        problem(setItem(userId, newId("none"), "{\"quantity\":1}"), 404, "product-not-found");
        problem(setItem(userId, productId, "{\"quantity\":100}"), 400, "invalid-request");
        problem(setItem(userId, productId, "{\"quantity\":-1}"), 400, "invalid-request");
        problem(setItem(userId, productId, "{}"), 400, "invalid-request");
        setItem(userId, productId, "{\"quantity\":3}").expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].productId").isEqualTo(productId)
                .jsonPath("$.items[0].quantity").isEqualTo(3);
        setItem(userId, productId, "{\"quantity\":0}").expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();
        http.delete().uri("/api/users/{u}/cart", userId).header("Authorization", bearer(userId)).exchange().expectStatus().isNoContent();
    }
}
