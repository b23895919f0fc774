package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/**
 * Every problem type the app node answers with, {@code urn:flashsale:problem:<name>}: the refusals of the contract,
 * then the ones that only have a status (Tomcat's, Spring's, the security filters'). One list, so the OpenAPI
 * document can be checked against it (ApiDocumentTest).
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "product-not-found", "Product not found"),
    SALE_NOT_FOUND(HttpStatus.NOT_FOUND, "sale-not-found", "Sale not found"),
    ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "order-not-found", "Order not found"),
    SALE_EXISTS(HttpStatus.CONFLICT, "sale-exists", "Sale exists"),
    SOLD_OUT(HttpStatus.CONFLICT, "sold-out", "Sold out"),
    PURCHASE_LIMIT(HttpStatus.CONFLICT, "purchase-limit", "Purchase limit reached"),
    SALE_NOT_ACTIVE(HttpStatus.CONFLICT, "sale-not-active", "Sale not active"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused"),
    ORDER_NOT_PAYABLE(HttpStatus.CONFLICT, "order-not-payable", "Order not payable"),
    PAYMENT_REF_USED(HttpStatus.CONFLICT, "payment-ref-used", "Payment reference used"),
    ORDER_NOT_CANCELLABLE(HttpStatus.CONFLICT, "order-not-cancellable", "Order not cancellable"),
    CART_FULL(HttpStatus.CONFLICT, "cart-full", "Cart full"),
    TOKENS_NOT_ISSUED_HERE(HttpStatus.CONFLICT, "tokens-not-issued-here", "Tokens not issued here"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable"),
    // The ones with a status only, which the HTTP edge may answer whatever the endpoint.
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "request-timeout"),
    LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED, "length-required"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
    EXPECTATION_FAILED(HttpStatus.EXPECTATION_FAILED, "expectation-failed"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"),
    NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "not-implemented"),
    HTTP_VERSION_NOT_SUPPORTED(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "http-version-not-supported"),
    /** Any other 4xx. */
    CLIENT_ERROR(HttpStatus.BAD_REQUEST, "client-error", "Client error");

    static final String URN_PREFIX = "urn:flashsale:problem:";

    private final HttpStatus status;
    private final String typeName;
    private final String title;

    /** A type that has only a status: its title is the status's reason phrase. */
    ProblemType(HttpStatus status, String typeName) {
        this(status, typeName, status.getReasonPhrase());
    }

    ProblemType(HttpStatus status, String typeName, String title) {
        this.status = status;
        this.typeName = typeName;
        this.title = title;
    }

    /** The type of an answer that has only a status (no problem of its own). */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 411 -> LENGTH_REQUIRED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 417 -> EXPECTATION_FAILED;
            case 431 -> HEADERS_TOO_LARGE;
            case 501 -> NOT_IMPLEMENTED;
            case 503 -> UNAVAILABLE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? INTERNAL_ERROR : CLIENT_ERROR;
        };
    }

    public HttpStatus status() {
        return status;
    }

    /** The name in the type's URN, e.g. {@code sold-out}. */
    public String typeName() {
        return typeName;
    }

    public String title() {
        return title;
    }

    /** {@code urn:flashsale:problem:<name>}. */
    public String uri() {
        return URN_PREFIX + typeName;
    }
}
