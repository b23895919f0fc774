package io.flashsale.grid.order;

import java.util.Objects;

/**
 * An order as the grid holds it and writes behind to the {@code orders} table.
 *
 * @param requestId  the purchase request that made it, or null when that is the order id itself (a purchase without
 *                   an Idempotency-Key): 40 bytes less per order in the grid, and the database reads it that way too
 * @param allocation which stock segments gave the units, as {@code "segment:units,..."}, so they can go back
 * @param createdAt  epoch milliseconds
 * @param updatedAt  epoch milliseconds of the last status change
 */
public record Order(String orderId, String saleId, String userId, int quantity, OrderStatus status, long createdAt,
                    String requestId, String allocation, String paymentRef, long updatedAt) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1, got " + quantity);
        }
    }

    /** Whether this order was made by the purchase request {@code otherRequestId}. */
    public boolean sameRequestAs(String otherRequestId) {
        return Objects.equals(requestId != null ? requestId : orderId, otherRequestId);
    }
}
