package io.flashsale.model.stock;

import java.util.Map;

/**
 * Gives back the units requests reserved in a segment (purchases that failed after reserving; several at once for
 * a failed batch). Idempotent: the journal entry is cleared with the release, so a repeat finds nothing and changes
 * nothing. When the journal no longer holds a request, nothing is released: a unit stays sold rather than risk
 * selling it twice. Returns the units given back.
 */
public final class ReleaseReservation extends SegmentChange<Integer> {

    private final long[] requestHashes;

    public ReleaseReservation(long requestHash) {
        this(new long[] {requestHash});
    }

    public ReleaseReservation(long[] requestHashes) {
        this(requestHashes, 0);
    }

    private ReleaseReservation(long[] requestHashes, long writer) {
        super(writer);
        this.requestHashes = requestHashes;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return 0;
        }
        StockSegment after = segment;
        for (long requestHash : requestHashes) {
            after = after.release(requestHash, writer); // the same segment back when the journal does not hold it
        }
        // Written even when there was nothing to release here (a repeat): the backup replica runs the release too,
        // in case the first attempt released on this replica only.
        entry.setValue(after);
        if (after == segment) {
            return 0;
        }
        return after.remaining() - segment.remaining();
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new ReleaseReservation(requestHashes, writer);
    }
}
