package io.flashsale.app.apidoc;

import io.flashsale.app.web.ProblemType;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

import static io.flashsale.app.web.ProblemType.*;

/**
 * What the OpenAPI document says of each endpoint beyond what springdoc reads from the controllers: who may call
 * it, its body, its answers and the problems it may answer with, in the contract's words (docs/api.md). One table,
 * so that ApiDocumentTest can hold it to the code: every endpoint is here, every problem type is somewhere.
 */
final class Endpoints {

    /** Who may call: the security schemes an operation takes (none for anyone). */
    enum Access {
        ANYONE, BUYER_OR_ADMIN, ADMIN
    }

    /**
     * One operation: {@code answers} maps each success status to what it means; {@code body} is an example request
     * body (its fields give the schema), null for none.
     */
    record Endpoint(String method, String path, Access access, String summary, @Nullable String body,
                    Map<String, String> answers, List<ProblemType> problems) {
    }

    /** Problems any endpoint may answer with, from the HTTP edge before a controller runs (or for no controller). */
    static final List<ProblemType> AT_THE_EDGE = List.of(INVALID_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED,
            NOT_ACCEPTABLE, REQUEST_TIMEOUT, LENGTH_REQUIRED, PAYLOAD_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE,
            EXPECTATION_FAILED, HEADERS_TOO_LARGE, CLIENT_ERROR, INTERNAL_ERROR, NOT_IMPLEMENTED,
            HTTP_VERSION_NOT_SUPPORTED);

    static final List<Endpoint> ALL = List.of(
            new Endpoint("get", "/api/products/{productId}", Access.ANYONE, "Read a product",
                    null, Map.of("200", "the product, with ETag and Cache-Control: public, max-age=N",
                            "304", "If-None-Match named the current ETag"),
                    List.of(PRODUCT_NOT_FOUND, UNAVAILABLE)),
            new Endpoint("get", "/api/sales/{saleId}", Access.ANYONE, "Read a sale ('remaining' may lag by 1 s)",
                    null, Map.of("200", "the sale (status SCHEDULED, ACTIVE, SOLD_OUT or ENDED), with ETag and"
                            + " Cache-Control: public, max-age=1", "304", "If-None-Match named the current ETag"),
                    List.of(SALE_NOT_FOUND, UNAVAILABLE)),
            new Endpoint("post", "/api/sales/{saleId}/purchases", Access.BUYER_OR_ADMIN,
                    "Buy: the buyer is the token's sub; Idempotency-Key (1 to 64 of [A-Za-z0-9_-]) is the buyer's",
                    "{\"quantity\":1}",
                    Map.of("201", "order accepted (a promise: it reaches the database); Location names it",
                            "200", "the same Idempotency-Key and body again: the first answer's order"),
                    List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, SALE_NOT_FOUND, SOLD_OUT, PURCHASE_LIMIT,
                            SALE_NOT_ACTIVE, IDEMPOTENCY_KEY_REUSED, RATE_LIMITED, UNAVAILABLE)),
            new Endpoint("get", "/api/orders/{orderId}", Access.BUYER_OR_ADMIN,
                    "Read an order: the buyer's own (another buyer's is not found), or any with the admin token",
                    null, Map.of("200", "the order"), List.of(UNAUTHORIZED, ORDER_NOT_FOUND, UNAVAILABLE)),
            new Endpoint("post", "/api/orders/{orderId}/payment", Access.ADMIN,
                    "Record a payment (the payment service, with the admin token): ACCEPTED becomes PAID",
                    "{\"paymentRef\":\"pay-0001\"}",
                    Map.of("200", "the order, PAID (again with the same paymentRef: no change)"),
                    List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, ORDER_NOT_FOUND, ORDER_NOT_PAYABLE,
                            PAYMENT_REF_USED, UNAVAILABLE)),
            new Endpoint("post", "/api/orders/{orderId}/cancel", Access.BUYER_OR_ADMIN,
                    "Cancel an ACCEPTED order: its units go back to the sale", null,
                    Map.of("200", "the order, CANCELLED"),
                    List.of(UNAUTHORIZED, ORDER_NOT_FOUND, ORDER_NOT_CANCELLABLE, UNAVAILABLE)),
            new Endpoint("get", "/api/users/{userId}/cart", Access.BUYER_OR_ADMIN,
                    "Read the buyer's cart (an empty one when there is none)", null,
                    Map.of("200", "the cart"), List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, UNAVAILABLE)),
            new Endpoint("put", "/api/users/{userId}/cart/items/{productId}", Access.BUYER_OR_ADMIN,
                    "Set an item's quantity in the buyer's cart (0 removes it, at most 99)", "{\"quantity\":2}",
                    Map.of("200", "the cart"), List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, PRODUCT_NOT_FOUND,
                            CART_FULL, UNAVAILABLE)),
            new Endpoint("delete", "/api/users/{userId}/cart", Access.BUYER_OR_ADMIN, "Empty the buyer's cart",
                    null, Map.of("204", "emptied"), List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, UNAVAILABLE)),
            new Endpoint("get", "/api/users/{userId}/cart/events", Access.BUYER_OR_ADMIN,
                    "Follow the buyer's cart: a text/event-stream sending the whole cart at every change", null,
                    Map.of("200", "the event stream"),
                    List.of(INVALID_REQUEST, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, UNAVAILABLE)),
            new Endpoint("put", "/api/admin/products/{productId}", Access.ADMIN,
                    "Create or replace a product (every near cache sees it within a second)",
                    "{\"name\":\"Kettle\",\"description\":\"1.7 l\",\"price\":\"19.99\"}",
                    Map.of("200", "the product"), List.of(INVALID_REQUEST, UNAUTHORIZED, UNAVAILABLE)),
            new Endpoint("post", "/api/admin/sales", Access.ADMIN,
                    "Create a sale and warm the grid (segments default 10, startsAt now, endsAt in 1 hour)",
                    "{\"saleId\":\"kettle-sale\",\"productId\":\"kettle\",\"stock\":100,\"segments\":4,"
                            + "\"perUserLimit\":2,\"startsAt\":\"2026-12-01T18:00:00Z\","
                            + "\"endsAt\":\"2026-12-01T19:00:00Z\"}",
                    Map.of("201", "the sale"),
                    List.of(INVALID_REQUEST, UNAUTHORIZED, PRODUCT_NOT_FOUND, SALE_EXISTS, UNAVAILABLE)),
            new Endpoint("post", "/api/admin/sales/{saleId}/warmup", Access.ADMIN,
                    "Load a sale, its product and its stock segments from the database into the grid again", null,
                    Map.of("200", "the sale"), List.of(UNAUTHORIZED, SALE_NOT_FOUND, UNAVAILABLE)),
            new Endpoint("post", "/api/admin/flush", Access.ADMIN,
                    "Write every pending write-behind entry to the database now; answers when done", null,
                    Map.of("204", "flushed"), List.of(UNAUTHORIZED, UNAVAILABLE)),
            new Endpoint("get", "/api/admin/sales/{saleId}/audit", Access.ADMIN,
                    "Audit a sale: the grid's stock against a fresh database count", null,
                    Map.of("200", "after a flush a healthy sale has sold + remaining == stock, unitsInDatabase =="
                            + " sold, pendingWrites == 0"), List.of(UNAUTHORIZED, SALE_NOT_FOUND, UNAVAILABLE)),
            new Endpoint("post", "/api/admin/tokens", Access.ADMIN,
                    "Mint a buyer token signed with FLASHSALE_JWT_SECRET (ttl an ISO-8601 duration, default PT1H,"
                            + " at most P1D)", "{\"userId\":\"ana\",\"ttl\":\"PT1H\"}",
                    Map.of("200", "{token, userId, expiresAt}"),
                    List.of(INVALID_REQUEST, UNAUTHORIZED, TOKENS_NOT_ISSUED_HERE)),
            new Endpoint("get", "/dashboard/snapshot", Access.ANYONE,
                    "The live dashboard's figures (the page at / polls it)", null,
                    Map.of("200", "traffic, sales, the grid and the binlog reader now"), List.of()));

    private Endpoints() {
    }
}
