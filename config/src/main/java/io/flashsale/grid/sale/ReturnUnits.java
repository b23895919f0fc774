package io.flashsale.grid.sale;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Puts the units of a cancelled or expired order back into the segment that gave them, once per order (see
 * {@link StockSegment#takeBack}). Returns the units given back: 0 for a repeat, -1 when the segment does not exist
 * (in the grid or, read through, in the database), which the caller must not take for a return.
 */
public record ReturnUnits(long orderHash, int units) implements EntryProcessor<StockKey, StockSegment, Integer> {

    @Override
    public Integer process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return -1;
        }
        StockSegment after = segment.takeBack(orderHash, units);
        if (after == segment) {
            return 0;
        }
        entry.setValue(after);
        return after.remaining() - segment.remaining();
    }
}
