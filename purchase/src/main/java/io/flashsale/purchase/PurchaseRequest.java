package io.flashsale.purchase;

import io.flashsale.model.catalog.Sale;
import org.jspecify.annotations.Nullable;

/**
 * A purchase whose fields passed the contract's checks (quantity within the sale's limit).
 *
 * @param idempotencyKey the client's Idempotency-Key, or null
 */
public record PurchaseRequest(Sale sale, String userId, int quantity, @Nullable String idempotencyKey) {

    /**
     * The key's entry in the grid: the buyer's own, so two buyers with one key never meet. A key has no {@code |}
     * (API.md), so no two (key, buyer) pairs give one entry.
     */
    String scopedKey() {
        return idempotencyKey + "|" + userId;
    }

    /** What the key's first request was: the same key with another body is refused. */
    String fingerprint() {
        return sale.saleId() + "|" + userId + "|" + quantity;
    }
}
