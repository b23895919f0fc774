package io.flashsale.purchase;

import io.flashsale.model.order.Order;

/**
 * What became of a purchase.
 *
 * @param order the order for {@link Outcome#ACCEPTED} and {@link Outcome#REPLAYED}, else null
 */
public record PurchaseResult(Outcome outcome, Order order) {

    /** The outcomes of the contract's purchase table that the grid decides. */
    public enum Outcome {
        /** A new order. */
        ACCEPTED,
        /** The same Idempotency-Key and body again: the order of the first request. */
        REPLAYED,
        /** Stock cannot cover the quantity. */
        SOLD_OUT,
        /** The buyer's accepted units plus these would pass the per-user limit. */
        LIMIT_REACHED,
        /** The sale has not started or has ended. */
        NOT_ACTIVE,
        /** The Idempotency-Key was used before with another body. */
        KEY_REUSED,
        /** Another request with the same Idempotency-Key and body is making the order right now. */
        IN_FLIGHT,
        /** It waited for its batch longer than the queue budget and left before anything was done. */
        SHED
    }

    static PurchaseResult refused(Outcome outcome) {
        return new PurchaseResult(outcome, null);
    }
}
