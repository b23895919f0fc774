package io.flashsale.model.stock;

import java.util.Map;

/**
 * Adds the units of a transfer another segment lent ({@link LendUnits}) to this segment's stock, once per transfer
 * hash: a repeated delivery (the lender's member retrying, or both sides of a split delivering) adds nothing. Returns
 * the units, -1 when the segment does not exist.
 */
public final class ReceiveUnits extends SegmentChange<Integer> {

    private final long transferHash;
    private final int units;

    public ReceiveUnits(long transferHash, int units) {
        this(transferHash, units, 0);
    }

    private ReceiveUnits(long transferHash, int units, long writer) {
        super(writer);
        this.transferHash = transferHash;
        this.units = units;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return -1;
        }
        entry.setValue(segment.receive(transferHash, units, writer)); // a repeat too: its backup acknowledges
        return units;
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new ReceiveUnits(transferHash, units, writer);
    }
}
