package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client mistake and refusal of the contract's purchase table, and the admin API's 401: each answers its
 * status and problem type, and leaves stock and orders as they were.
 */
class PurchaseRulesIT {

    private static final String SALE = "rules";

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("rules", 2);
        api = sut.api;
        api.createSale(SALE, "rules-product", 100, 4, 3);
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    static Stream<Arguments> invalidPurchases() {
        String longId = "u".repeat(65);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"userId\":\"u-1\",", null),
                Arguments.of("not an object", "[1,2]", null),
                Arguments.of("empty body", "", null),
                Arguments.of("userId null", "{\"userId\":null,\"quantity\":1}", null),
                Arguments.of("blank userId", "{\"userId\":\"  \",\"quantity\":1}", null),
                Arguments.of("userId over 64 characters", "{\"userId\":\"" + longId + "\",\"quantity\":1}", null),
                Arguments.of("userId outside the alphabet", "{\"userId\":\"u 1/x\",\"quantity\":1}", null),
                Arguments.of("userId not a string", "{\"userId\":42,\"quantity\":1}", null),
                Arguments.of("missing quantity", "{\"userId\":\"u-1\"}", null),
                Arguments.of("quantity 0", "{\"userId\":\"u-1\",\"quantity\":0}", null),
                Arguments.of("quantity negative", "{\"userId\":\"u-1\",\"quantity\":-1}", null),
                Arguments.of("quantity over the limit", "{\"userId\":\"u-1\",\"quantity\":4}", null),
                Arguments.of("quantity a fraction", "{\"userId\":\"u-1\",\"quantity\":1.5}", null),
                Arguments.of("quantity a string", "{\"userId\":\"u-1\",\"quantity\":\"1\"}", null),
                Arguments.of("quantity huge", "{\"userId\":\"u-1\",\"quantity\":99999999999}", null),
                Arguments.of("Idempotency-Key too long", "{\"userId\":\"u-1\",\"quantity\":1}", "k".repeat(65)),
                Arguments.of("Idempotency-Key outside the alphabet", "{\"userId\":\"u-1\",\"quantity\":1}", "a b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPurchases")
    void anInvalidPurchaseIs400AndChangesNothing(String what, String body, String key) {
        Api.Response before = api.audit(SALE);

        Api.Response response = key == null ? api.post("/api/sales/" + SALE + "/purchases", body)
                : api.post("/api/sales/" + SALE + "/purchases", body, "Idempotency-Key", key);

        assertProblem(response, 400, "invalid-request");
        assertUnchanged(before);
    }

    @Test
    void anUnknownSaleIs404() {
        assertProblem(api.purchase("no-such-sale", "u-1", 1, null), 404, "sale-not-found");
        assertProblem(api.get("/api/sales/no-such-sale"), 404, "sale-not-found");
        assertProblem(api.get("/api/sales/bad%20id"), 404, "sale-not-found");
    }

    @Test
    void aSaleNotStartedOrEndedIs409SaleNotActive() {
        Instant now = Instant.now();
        api.post("/api/admin/sales", "{\"saleId\":\"later\",\"productId\":\"rules-product\",\"stock\":5,"
                + "\"startsAt\":\"" + now.plus(1, ChronoUnit.HOURS) + "\"}", api.admin());
        api.post("/api/admin/sales", "{\"saleId\":\"over\",\"productId\":\"rules-product\",\"stock\":5,"
                + "\"startsAt\":\"" + now.minus(2, ChronoUnit.HOURS) + "\",\"endsAt\":\""
                + now.minus(1, ChronoUnit.HOURS) + "\"}", api.admin());

        assertProblem(api.purchase("later", "u-1", 1, null), 409, "sale-not-active");
        assertProblem(api.purchase("over", "u-1", 1, null), 409, "sale-not-active");
        assertThat(api.get("/api/sales/later").text("status")).isEqualTo("SCHEDULED");
        assertThat(api.get("/api/sales/over").text("status")).isEqualTo("ENDED");
        assertThat(api.audit("later").number("sold")).isZero();
        assertThat(api.audit("over").number("sold")).isZero();
    }

    @Test
    void aBuyerOverTheLimitIs409PurchaseLimitAndKeepsWhatTheyHave() {
        assertThat(api.purchase(SALE, "limited", 2, null).status()).isEqualTo(201);
        Api.Response before = api.audit(SALE);

        assertProblem(api.purchase(SALE, "limited", 2, null), 409, "purchase-limit");

        assertUnchanged(before);
        assertThat(api.purchase(SALE, "limited", 1, null).status()).isEqualTo(201);
    }

    @Test
    void stockThatCannotCoverTheQuantityIs409SoldOut() {
        api.post("/api/admin/sales", "{\"saleId\":\"tiny\",\"productId\":\"rules-product\",\"stock\":3,"
                + "\"segments\":3,\"perUserLimit\":3}", api.admin());
        assertThat(api.purchase("tiny", "first", 2, null).status()).isEqualTo(201);
        Api.Response before = api.audit("tiny");

        assertProblem(api.purchase("tiny", "second", 2, null), 409, "sold-out");

        assertThat(api.audit("tiny").number("sold")).isEqualTo(before.number("sold"));
        // The last unit sits in another segment than the first two: it is found, not stranded.
        assertThat(api.purchase("tiny", "second", 1, null).status()).isEqualTo(201);
        assertProblem(api.purchase("tiny", "third", 1, null), 409, "sold-out");
        assertThat(api.audit("tiny").number("remaining")).isZero();
    }

    @Test
    void aReplayedIdempotencyKeyGivesTheSameOrderAndAnotherBodyIs422() {
        Api.Response first = api.purchase(SALE, "keyed", 1, "order-key-1");
        Api.Response replay = api.purchase(SALE, "keyed", 1, "order-key-1");
        Api.Response before = api.audit(SALE);
        Api.Response otherBody = api.purchase(SALE, "keyed", 2, "order-key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/api/orders/" + first.text("orderId"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertProblem(otherBody, 422, "idempotency-key-reused");
        assertUnchanged(before);
        // Keys are the buyer's own: another buyer's key of the same name is another purchase.
        Api.Response otherUser = api.purchase(SALE, "someone-else", 1, "order-key-1");
        assertThat(otherUser.status()).isEqualTo(201);
        assertThat(otherUser.text("orderId")).isNotEqualTo(first.text("orderId"));
        assertThat(api.get("/api/orders/" + first.text("orderId")).body()).isEqualTo(first.body());
    }

    @Test
    void adminCallsWithoutTheTokenAre401AndChangeNothing() {
        assertProblem(api.post("/api/admin/flush", null), 401, "unauthorized");
        assertProblem(api.post("/api/admin/sales", "{\"saleId\":\"sneaky\",\"productId\":\"rules-product\","
                + "\"stock\":5}", "Authorization", "Bearer wrong"), 401, "unauthorized");
        assertProblem(api.put("/api/admin/products/rules-product", "{\"name\":\"Hacked\",\"price\":\"0.01\"}",
                "Authorization", "Basic " + TestSystem.TOKEN), 401, "unauthorized");
        assertProblem(api.get("/api/admin/sales/" + SALE + "/audit"), 401, "unauthorized");

        assertProblem(api.get("/api/sales/sneaky"), 404, "sale-not-found");
        assertThat(api.get("/api/products/rules-product").text("name")).isEqualTo("Product rules-product");
    }

    @Test
    void adminMistakesAre4xx() {
        assertProblem(api.post("/api/admin/sales", "{\"saleId\":\"" + SALE + "\",\"productId\":\"rules-product\","
                + "\"stock\":5}", api.admin()), 409, "sale-exists");
        assertProblem(api.post("/api/admin/sales", "{\"saleId\":\"orphan\",\"productId\":\"no-product\","
                + "\"stock\":5}", api.admin()), 404, "product-not-found");
        for (String bad : new String[] {"\"stock\":-1", "\"stock\":5,\"segments\":0",
                "\"stock\":5,\"segments\":1025", "\"stock\":5,\"perUserLimit\":0"}) {
            assertProblem(api.post("/api/admin/sales", "{\"saleId\":\"bad\",\"productId\":\"rules-product\","
                    + bad + "}", api.admin()), 400, "invalid-request");
        }
        assertProblem(api.get("/api/sales/bad"), 404, "sale-not-found");
        assertProblem(api.put("/api/admin/products/p-x", "{\"name\":\"x\",\"price\":\"-1\"}", api.admin()), 400,
                "invalid-request");
        assertProblem(api.get("/api/products/unknown-product"), 404, "product-not-found");
        assertProblem(api.get("/api/orders/unknown-order"), 404, "order-not-found");
    }

    @Test
    void aJsonBodyWithoutItsContentTypeIsStillUnderstood() {
        Api.Response response = api.post("/api/sales/" + SALE + "/purchases", "{\"userId\":\"no-header\",\"quantity\":1}",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("userId")).isEqualTo("no-header");
    }

    @Test
    void aRequestTomcatRefusesIsStillAProblem() throws Exception {
        String answer = Api.raw(api.base(), "GET /api/sales/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"type\":\"urn:flashsale:problem:invalid-request\"");
    }

    @Test
    void productPagesAreCacheableWithETags() {
        Api.Response product = api.get("/api/products/rules-product");
        String etag = product.header("ETag");

        assertThat(product.status()).isEqualTo(200);
        assertThat(product.text("price")).isEqualTo("9.99");
        assertThat(product.header("Cache-Control")).contains("public").contains("max-age=");
        assertThat(api.get("/api/products/rules-product", "If-None-Match", etag).status()).isEqualTo(304);
    }

    private static void assertProblem(Api.Response response, int status, String name) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("urn:flashsale:problem:" + name);
        assertThat(response.body().has("title")).isTrue();
        assertThat(response.body().has("detail")).isTrue();
        assertThat(response.number("status")).isEqualTo(status);
    }

    private static void assertUnchanged(Api.Response before) {
        Api.Response after = api.audit(SALE);
        assertThat(after.number("sold")).isEqualTo(before.number("sold"));
        assertThat(after.number("remaining")).isEqualTo(before.number("remaining"));
        assertThat(after.number("ordersInGrid")).isEqualTo(before.number("ordersInGrid"));
    }

    @Test
    void anAcceptedOrderIsPaidOnceAndThePaymentReachesTheDatabase() {
        String orderId = api.purchase(SALE, "payer", 1, null).text("orderId");
        String path = "/api/orders/" + orderId + "/payment";

        Api.Response paid = api.post(path, "{\"paymentRef\":\"pay-1\"}");
        Api.Response again = api.post(path, "{\"paymentRef\":\"pay-1\"}");
        Api.Response other = api.post(path, "{\"paymentRef\":\"pay-2\"}");

        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("PAID");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problemType()).isEqualTo("urn:flashsale:problem:order-not-payable");
        assertThat(api.get("/api/orders/" + orderId).text("status")).isEqualTo("PAID");
        assertThat(api.post("/api/orders/no-such-order/payment", "{\"paymentRef\":\"pay-1\"}").status())
                .isEqualTo(404);
        assertThat(api.post(path, "{\"paymentRef\":\"not valid!\"}").problemType())
                .isEqualTo("urn:flashsale:problem:invalid-request");
        api.flush();
        assertThat(OrdersTable.ofSale(sut.database, SALE).get(orderId).status()).isEqualTo("PAID");
    }
}
