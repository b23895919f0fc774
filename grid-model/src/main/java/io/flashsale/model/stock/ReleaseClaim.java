package io.flashsale.model.stock;

import java.util.Map;

/**
 * Frees the units that purchase requests claimed from their buyers' limits, on the buyers' home segment (see
 * {@link StockSegment#claims()}): request {@code i} of buyer {@code userIds[i]}. Idempotent. Returns how many
 * requests held something.
 */
public final class ReleaseClaim extends SegmentChange<Integer> {

    private final String[] userIds;
    private final String[] requestIds;

    public ReleaseClaim(String[] userIds, String[] requestIds) {
        this(userIds, requestIds, 0);
    }

    private ReleaseClaim(String[] userIds, String[] requestIds, long writer) {
        super(writer);
        if (userIds.length != requestIds.length) {
            throw new IllegalArgumentException("one buyer per request id");
        }
        this.userIds = userIds;
        this.requestIds = requestIds;
    }

    /** The release of one request's claim. */
    public static ReleaseClaim one(String userId, String requestId) {
        return new ReleaseClaim(new String[] {userId}, new String[] {requestId});
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        ClaimGroup group = segment == null ? null : segment.claims();
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
            entry.setValue(segment); // its claims changed in place; setting it sends the change to the backup
        }
        return released;
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new ReleaseClaim(userIds, requestIds, writer);
    }
}
