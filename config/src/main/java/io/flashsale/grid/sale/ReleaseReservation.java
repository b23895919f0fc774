package io.flashsale.grid.sale;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Gives back the units a request reserved in a segment (a purchase that failed after reserving). Idempotent: the
 * journal entry is cleared with the release, so a repeat finds nothing and changes nothing. When the journal no
 * longer holds the request, nothing is released: a unit stays sold rather than risk selling it twice.
 */
public record ReleaseReservation(long requestHash) implements EntryProcessor<StockKey, StockSegment, Integer> {

    @Override
    public Integer process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return 0;
        }
        int units = segment.unitsReservedBy(requestHash);
        if (units > 0) {
            entry.setValue(segment.release(requestHash));
        }
        return units;
    }
}
