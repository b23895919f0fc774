package io.flashsale.model.claim;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Claims {@code quantity} units of a buyer's per-user limit for one purchase request, atomically. Idempotent per
 * request id, so a retried or re-executed claim is not counted twice. Deterministic, for the backup replica.
 */
public record ClaimUnits(String requestId, int quantity, int limit)
        implements EntryProcessor<UserClaimKey, UserClaim, Integer> {

    /**
     * What the claim did. The processors answer with its {@link #code}: an enum would travel by Java serialization,
     * which costs more than the claim itself.
     */
    public enum Outcome {
        CLAIMED(1), ALREADY_CLAIMED(2), LIMIT_REACHED(3);

        final int code;

        Outcome(int code) {
            this.code = code;
        }

        /** The outcome a processor answered. */
        public static Outcome of(Integer code) {
            for (Outcome outcome : values()) {
                if (outcome.code == code) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no claim outcome " + code);
        }
    }

    /** Returns the {@link Outcome#code} of what it did. */
    @Override
    public Integer process(Map.Entry<UserClaimKey, UserClaim> entry) {
        return claim(entry, requestId, quantity, limit).code;
    }

    static Outcome claim(Map.Entry<UserClaimKey, UserClaim> entry, String requestId, int quantity, int limit) {
        UserClaim claim = entry.getValue() == null ? UserClaim.EMPTY : entry.getValue();
        if (claim.indexOf(requestId) >= 0) {
            // Written again, unchanged, so that the backup is sent and acknowledged before this answer: the first
            // attempt may have changed only this replica (its backup unacknowledged, so its caller tried again).
            entry.setValue(claim);
            return Outcome.ALREADY_CLAIMED;
        }
        if (claim.units() + quantity > limit) {
            return Outcome.LIMIT_REACHED;
        }
        entry.setValue(claim.plus(requestId, quantity));
        return Outcome.CLAIMED;
    }
}
