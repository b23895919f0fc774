package io.flashsale.grid.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Claims {@code quantity} units of a buyer's per-user limit for one purchase request, atomically. Idempotent per
 * request id, so a retried or re-executed claim is not counted twice. Deterministic, for the backup replica.
 */
public record ClaimUnits(String requestId, int quantity, int limit)
        implements EntryProcessor<UserClaimKey, UserClaim, ClaimUnits.Outcome> {

    /** What the claim did. */
    public enum Outcome { CLAIMED, ALREADY_CLAIMED, LIMIT_REACHED }

    @Override
    public Outcome process(Map.Entry<UserClaimKey, UserClaim> entry) {
        UserClaim claim = entry.getValue() == null ? UserClaim.EMPTY : entry.getValue();
        if (claim.indexOf(requestId) >= 0) {
            return Outcome.ALREADY_CLAIMED;
        }
        if (claim.units() + quantity > limit) {
            return Outcome.LIMIT_REACHED;
        }
        entry.setValue(claim.plus(requestId, quantity));
        return Outcome.CLAIMED;
    }
}
