package io.flashsale.model.stock;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Empties a segment's journal (for the members' held-units sweep), only if the segment is still exactly as the caller
 * saw it (no reservation, release or return since). Afterwards a request repeated late (a client retrying its
 * Idempotency-Key) reserves anew instead of completing an order from units it reserved long before, which the sweep
 * may be about to count as held. Returns whether the segment was as seen (then its journal is empty); false also
 * when the segment does not exist.
 */
public record ForgetJournal(int seenRemaining, int seenSold, int seenCursor, int seenReturnCursor)
        implements EntryProcessor<StockKey, StockSegment, Boolean> {

    public ForgetJournal(SegmentLevels seen) {
        this(seen.remaining(), seen.sold(), seen.cursor(), seen.returnCursor());
    }

    @Override
    public Boolean process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null || !segment.isAsSeen(seenRemaining, seenSold, seenCursor, seenReturnCursor)) {
            return false;
        }
        segment.forgetJournal();
        entry.setValue(segment); // set even when already empty: the backup forgets too, and acknowledges
        return true;
    }
}
