package io.flashsale.model.stock;

import java.util.Map;

/**
 * Puts the units of a cancelled or expired order back into the segment that gave them, once per order (see
 * {@link StockSegment#takeBack}). Returns the units given back: 0 for a repeat, -1 when the segment does not exist
 * (in the grid or, read through, in the database), which the caller must not take for a return.
 */
public final class ReturnUnits extends SegmentChange<Integer> {

    private final long orderHash;
    private final int units;

    public ReturnUnits(long orderHash, int units) {
        this(orderHash, units, 0);
    }

    private ReturnUnits(long orderHash, int units, long writer) {
        super(writer);
        this.orderHash = orderHash;
        this.units = units;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        return segment == null ? -1 : takeBack(entry, segment, orderHash, units, writer);
    }

    /** {@link StockSegment#takeBack} on the entry's value {@code segment}; returns the units given back. */
    static int takeBack(Map.Entry<StockKey, StockSegment> entry, StockSegment segment, long hash, int units,
                        long writer) {
        StockSegment after = segment.takeBack(hash, units, writer);
        if (after == segment) {
            return 0;
        }
        entry.setValue(after);
        return after.remaining() - segment.remaining();
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new ReturnUnits(orderHash, units, writer);
    }
}
