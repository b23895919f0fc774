package io.flashsale.model.stock;

import java.util.Map;

/**
 * Puts buyers' claims back into their home segment (rebuilt from the orders in the database), keeping any claim the
 * segment holds already: the grid is ahead of the database while writes are pending. Returns how many it put back,
 * or -1 when the segment is in neither the grid nor the database.
 */
public final class RestoreClaims extends SegmentChange<Integer> {

    private final String[] userIds;
    private final UserClaim[] claims;

    public RestoreClaims(String[] userIds, UserClaim[] claims) {
        this(userIds, claims, 0);
    }

    private RestoreClaims(String[] userIds, UserClaim[] claims, long writer) {
        super(writer);
        if (userIds.length != claims.length) {
            throw new IllegalArgumentException("one claim per buyer");
        }
        this.userIds = userIds;
        this.claims = claims;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return -1;
        }
        ClaimGroup group = segment.claimsToChange();
        int restored = 0;
        for (int i = 0; i < userIds.length; i++) {
            if (group.restore(userIds[i], claims[i])) {
                restored++;
            }
        }
        if (restored > 0) {
            entry.setValue(segment.withClaims(group));
        }
        return restored;
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new RestoreClaims(userIds, claims, writer);
    }
}
