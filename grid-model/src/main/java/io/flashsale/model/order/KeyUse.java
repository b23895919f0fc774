package io.flashsale.model.order;

/**
 * Which purchase a buyer's Idempotency-Key belongs to (the {@code idempotency-keys} map, grid only, a day).
 *
 * @param fingerprint      the request it was first used with (sale, buyer, quantity): another body is refused
 * @param orderId          the order it makes, minted at random when the key was first used, so that a forgotten
 *                         key buys anew under another id instead of reaching the old order
 * @param attemptId        the attempt now working on it
 * @param attemptStartedAt when that attempt started (epoch ms), 0 when no attempt is under way
 */
public record KeyUse(String fingerprint, String orderId, String attemptId, long attemptStartedAt) {
}
