package io.flashsale.model.stock;

import java.util.Map;

/** Forgets an outgoing transfer its receiver has ({@link ReceiveUnits}). Returns whether the segment held it. */
public final class ForgetTransfer extends SegmentChange<Boolean> {

    private final long transferHash;

    public ForgetTransfer(long transferHash) {
        this(transferHash, 0);
    }

    private ForgetTransfer(long transferHash, long writer) {
        super(writer);
        this.transferHash = transferHash;
    }

    @Override
    Boolean apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return false;
        }
        StockSegment after = segment.forgetTransfer(transferHash);
        if (after == segment) {
            return false;
        }
        entry.setValue(after);
        return true;
    }

    @Override
    SegmentChange<Boolean> withWriter(long writer) {
        return new ForgetTransfer(transferHash, writer);
    }
}
