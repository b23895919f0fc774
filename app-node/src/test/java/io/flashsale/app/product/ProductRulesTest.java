package io.flashsale.app.product;

import io.flashsale.app.WebRulesTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.concurrent.atomic.AtomicReference;

import static io.flashsale.app.ProblemAssertions.problem;

/** Products: public reads with cache headers, admin writes behind the admin token. */
class ProductRulesTest extends WebRulesTest {

    private static final String KETTLE = "{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"19.99\"}";

    private RestTestClient.ResponseSpec put(String productId, String body, String authorization) {
        RestTestClient.RequestBodySpec request = http.put().uri("/api/admin/products/{id}", productId)
                .contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.body(body).exchange();
    }

    @Test
    void adminWritesNeedTheAdminToken() {
        String productId = newId("p");
        problem(put(productId, KETTLE, null), 401, "unauthorized");
        problem(put(productId, KETTLE, "Bearer wrong-token"), 401, "unauthorized");
        problem(put(productId, KETTLE, "Basic " + ADMIN_TOKEN), 401, "unauthorized");
        problem(http.get().uri("/api/products/{id}", productId).exchange(), 404, "product-not-found");
        put(productId, KETTLE, "bearer " + ADMIN_TOKEN).expectStatus().isOk(); // scheme names ignore case
    }

    @Test
    void aProductMustBeWhole() {
        String admin = "Bearer " + ADMIN_TOKEN;
        problem(put(newId("p"), "{\"name\":\"Kettle\",\"description\":\"1.7 l\"}", admin), 400, "invalid-request");
        problem(put(newId("p"), "{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"-1\"}", admin), 400,
                "invalid-request");
        problem(put(newId("p"), "not json", admin), 400, "invalid-request");
    }

    @Test
    void aReadCarriesItsVersionAndAnswersNotModifiedToIt() {
        String productId = newId("p");
        put(productId, KETTLE, "Bearer " + ADMIN_TOKEN).expectStatus().isOk();
        AtomicReference<String> etag = new AtomicReference<>();
        http.get().uri("/api/products/{id}", productId).exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", "public, max-age=\\d+|max-age=\\d+, public")
                .expectHeader().value("ETag", etag::set)
                .expectBody().jsonPath("$.price").isEqualTo("19.99");
        http.get().uri("/api/products/{id}", productId).ifNoneMatch(etag.get()).exchange()
                .expectStatus().isNotModified();
        problem(http.get().uri("/api/products/{id}", newId("none")).exchange(), 404, "product-not-found");
    }
}
