package io.flashsale.model.claim;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Frees the units that purchase requests claimed from their buyers' limits: request {@code i} of buyer
 * {@code userIds[i]}, all of one claim group. Idempotent; removes an emptied group. Returns how many requests held
 * something.
 */
public record ReleaseClaim(String[] userIds, String[] requestIds)
        implements EntryProcessor<ClaimGroupKey, ClaimGroup, Integer> {

    public ReleaseClaim {
        if (userIds.length != requestIds.length) {
            throw new IllegalArgumentException("one buyer per request id");
        }
    }

    /** The release of one request's claim. */
    public static ReleaseClaim one(String userId, String requestId) {
        return new ReleaseClaim(new String[] {userId}, new String[] {requestId});
    }

    @Override
    public Integer process(Map.Entry<ClaimGroupKey, ClaimGroup> entry) {
        ClaimGroup group = entry.getValue();
        if (group == null) {
            return 0;
        }
        int released = 0;
        for (int i = 0; i < requestIds.length; i++) {
            if (group.release(userIds[i], requestIds[i])) {
                released++;
            }
        }
        if (released > 0) {
            entry.setValue(group.isEmpty() ? null : group);
        }
        return released;
    }
}
