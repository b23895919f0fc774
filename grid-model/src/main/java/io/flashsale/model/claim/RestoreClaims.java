package io.flashsale.model.claim;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Puts buyers' claims of one claim group back (rebuilt from the orders in the database), keeping any claim the group
 * holds already: the grid is ahead of the database while writes are pending. Returns how many it put back.
 */
public record RestoreClaims(String[] userIds, UserClaim[] claims)
        implements EntryProcessor<ClaimGroupKey, ClaimGroup, Integer> {

    public RestoreClaims {
        if (userIds.length != claims.length) {
            throw new IllegalArgumentException("one claim per buyer");
        }
    }

    @Override
    public Integer process(Map.Entry<ClaimGroupKey, ClaimGroup> entry) {
        ClaimGroup group = entry.getValue() == null ? new ClaimGroup() : entry.getValue();
        int restored = 0;
        for (int i = 0; i < userIds.length; i++) {
            if (group.restore(userIds[i], claims[i])) {
                restored++;
            }
        }
        if (restored > 0) {
            entry.setValue(group);
        }
        return restored;
    }
}
