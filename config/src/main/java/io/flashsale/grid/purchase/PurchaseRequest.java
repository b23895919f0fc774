package io.flashsale.grid.purchase;

import io.flashsale.grid.sale.Sale;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A purchase whose fields passed the contract's checks (quantity within the sale's limit).
 *
 * @param idempotencyKey the client's Idempotency-Key, or null
 */
public record PurchaseRequest(Sale sale, String userId, int quantity, String idempotencyKey) {

    /** Same key and same body give the same id; another body under the same key gives another id. */
    String keyedRequestId() {
        return uuid("request|" + idempotencyKey + "|" + sale.saleId() + "|" + userId + "|" + quantity);
    }

    String keyedOrderId() {
        return uuid("order|" + idempotencyKey);
    }

    static String uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
