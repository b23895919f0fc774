package io.flashsale.grid.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Frees the units that purchase requests claimed from a buyer's limit. Idempotent; removes an emptied claim. Takes
 * several request ids so that a failed batch is released with one {@code executeOnKeys}: each buyer's claim holds
 * only its own requests, so the others are simply not found there.
 */
public record ReleaseClaim(String[] requestIds) implements EntryProcessor<UserClaimKey, UserClaim, Boolean> {

    public ReleaseClaim(String requestId) {
        this(new String[] {requestId});
    }

    /** Returns whether anything was released. */
    @Override
    public Boolean process(Map.Entry<UserClaimKey, UserClaim> entry) {
        UserClaim claim = entry.getValue();
        if (claim == null) {
            return false;
        }
        UserClaim rest = claim;
        for (String requestId : requestIds) {
            int index = rest.indexOf(requestId);
            if (index >= 0) {
                rest = rest.minus(index);
            }
        }
        if (rest == claim) {
            return false;
        }
        entry.setValue(rest.requestIds().length == 0 ? null : rest);
        return true;
    }
}
