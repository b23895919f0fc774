package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Claims a buyer's Idempotency-Key for one attempt at its purchase, atomically, so that of concurrent identical
 * requests one makes the order and the others wait for it. A key not seen before gets {@code newOrderId}; a key
 * whose attempt ended, or started over {@code leaseMillis} ago (its app node died mid-purchase), is taken over by
 * this attempt, which completes the same order. Safe to run again: an attempt that finds itself owning the key is
 * answered as the owner. Deterministic, for the backup replica.
 */
public record ClaimKey(String fingerprint, String newOrderId, String attemptId, long now, long leaseMillis)
        implements EntryProcessor<String, KeyUse, ClaimKey.Claim> {

    /** What the claim did. */
    public enum Outcome {
        /** This attempt owns the key; its order is {@code orderId}, new when {@code fresh}. */
        OWNED(1),
        /** Another attempt is working on the key's order right now. */
        IN_FLIGHT(2),
        /** The key was used with another request. */
        REUSED(3);

        final int code;

        Outcome(int code) {
            this.code = code;
        }

        static Outcome of(int code) {
            for (Outcome outcome : values()) {
                if (outcome.code == code) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no key claim outcome " + code);
        }
    }

    /**
     * The answer: an {@link Outcome} code (an enum would travel by Java serialization), the key's order id, and
     * whether the key was new (nothing can have been stored under its order id yet).
     */
    public record Claim(int code, String orderId, boolean fresh) {
        public Outcome outcome() {
            return Outcome.of(code);
        }
    }

    @Override
    public Claim process(Map.Entry<String, KeyUse> entry) {
        KeyUse use = entry.getValue();
        if (use == null) {
            entry.setValue(new KeyUse(fingerprint, newOrderId, attemptId, now));
            return new Claim(Outcome.OWNED.code, newOrderId, true);
        }
        if (!use.fingerprint().equals(fingerprint)) {
            return new Claim(Outcome.REUSED.code, null, false);
        }
        if (use.attemptId().equals(attemptId)) {
            // This attempt's call, run again: written again so that its backup acknowledges before the answer.
            entry.setValue(use);
            return new Claim(Outcome.OWNED.code, use.orderId(), use.orderId().equals(newOrderId));
        }
        if (use.attemptStartedAt() != 0 && now - use.attemptStartedAt() < leaseMillis) {
            return new Claim(Outcome.IN_FLIGHT.code, use.orderId(), false);
        }
        entry.setValue(new KeyUse(fingerprint, use.orderId(), attemptId, now));
        return new Claim(Outcome.OWNED.code, use.orderId(), false);
    }
}
