package io.flashsale.grid.sale;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Gives back the units requests reserved in a segment (purchases that failed after reserving; several at once for
 * a failed batch). Idempotent: the journal entry is cleared with the release, so a repeat finds nothing and changes
 * nothing. When the journal no longer holds a request, nothing is released: a unit stays sold rather than risk
 * selling it twice. Returns the units given back.
 */
public record ReleaseReservation(long[] requestHashes) implements EntryProcessor<StockKey, StockSegment, Integer> {

    public ReleaseReservation(long requestHash) {
        this(new long[] {requestHash});
    }

    @Override
    public Integer process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return 0;
        }
        StockSegment after = segment;
        for (long requestHash : requestHashes) {
            after = after.release(requestHash); // the same segment back when the journal does not hold it
        }
        if (after == segment) {
            return 0;
        }
        entry.setValue(after);
        return after.remaining() - segment.remaining();
    }
}
