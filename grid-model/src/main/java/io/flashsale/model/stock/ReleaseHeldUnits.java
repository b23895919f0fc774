package io.flashsale.model.stock;

import java.util.Map;

/**
 * Puts units held without an order back on sale (the members' held-units sweep), as a return under
 * {@code correctionHash}, only if the segment is still exactly as the caller saw it when it counted them: a
 * reservation, release or return since then means the count may be stale, and nothing is done. Once per
 * {@code correctionHash}; a repeat (Hazelcast re-running it, the caller retrying) answers the units again and writes
 * the value again so that its backup acknowledges. Returns the units put back, 0 when the segment changed meanwhile,
 * -1 when it does not exist.
 */
public final class ReleaseHeldUnits extends SegmentChange<Integer> {

    private final int seenRemaining;
    private final int seenSold;
    private final int seenCursor;
    private final int seenReturnCursor;
    private final long correctionHash;
    private final int units;

    /** {@code seen} is the segment as counted; {@code units} the units held without an order in it. */
    public ReleaseHeldUnits(SegmentLevels seen, long correctionHash, int units) {
        this(seen.remaining(), seen.sold(), seen.cursor(), seen.returnCursor(), correctionHash, units, 0);
    }

    private ReleaseHeldUnits(int seenRemaining, int seenSold, int seenCursor, int seenReturnCursor,
                             long correctionHash, int units, long writer) {
        super(writer);
        this.seenRemaining = seenRemaining;
        this.seenSold = seenSold;
        this.seenCursor = seenCursor;
        this.seenReturnCursor = seenReturnCursor;
        this.correctionHash = correctionHash;
        this.units = units;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return -1;
        }
        if (segment.tookBack(correctionHash)) {
            entry.setValue(segment);
            return units;
        }
        if (!segment.isAsSeen(seenRemaining, seenSold, seenCursor, seenReturnCursor) || segment.outbox().length > 0) {
            return 0; // changed since the count, or holding orders the count (of the orders table) could not see
        }
        return ReturnUnits.takeBack(entry, segment, correctionHash, units, writer);
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new ReleaseHeldUnits(seenRemaining, seenSold, seenCursor, seenReturnCursor, correctionHash, units,
                writer);
    }
}
