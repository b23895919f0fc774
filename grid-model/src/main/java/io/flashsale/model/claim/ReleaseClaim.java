package io.flashsale.model.claim;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Frees the units that a purchase request claimed from a buyer's limit. Idempotent; removes an emptied claim. */
public record ReleaseClaim(String requestId) implements EntryProcessor<UserClaimKey, UserClaim, Boolean> {

    /** Returns whether anything was released. */
    @Override
    public Boolean process(Map.Entry<UserClaimKey, UserClaim> entry) {
        UserClaim claim = entry.getValue();
        if (claim == null) {
            return false;
        }
        int index = claim.indexOf(requestId);
        if (index < 0) {
            return false;
        }
        UserClaim rest = claim.minus(index);
        entry.setValue(rest.requestIds().length == 0 ? null : rest);
        return true;
    }
}
