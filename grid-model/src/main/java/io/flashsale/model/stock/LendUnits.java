package io.flashsale.model.stock;

import java.util.Map;

/**
 * Lends up to {@code units} of a segment's stock to another segment of its sale, {@code toSegment} (a home segment
 * running low, see {@link StockSegment#claims()}): the units leave this segment now and wait as an outgoing transfer
 * that this segment's member delivers within about a second ({@link OutboxMover}, {@link ReceiveUnits}), so the
 * caller makes one call and a caller that dies after it loses nothing. Once per transfer hash: a repeat answers the
 * units lent the first time. Returns the units lent (0 when the segment has none left), -1 when it does not exist.
 */
public final class LendUnits extends SegmentChange<Integer> {

    private final long transferHash;
    private final int toSegment;
    private final int units;

    public LendUnits(long transferHash, int toSegment, int units) {
        this(transferHash, toSegment, units, 0);
    }

    private LendUnits(long transferHash, int toSegment, int units, long writer) {
        super(writer);
        if (transferHash == 0 || units < 1) {
            throw new IllegalArgumentException("transfer hash 0 or nothing to lend");
        }
        this.transferHash = transferHash;
        this.toSegment = toSegment;
        this.units = units;
    }

    @Override
    Integer apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return -1;
        }
        if (toSegment == entry.getKey().segment()) {
            throw new IllegalArgumentException("a segment does not lend to itself: " + entry.getKey());
        }
        int earlier = segment.transfers().unitsSent(transferHash);
        if (earlier >= 0) {
            entry.setValue(segment); // a repeat: the backup must hold what is answered (see TryReserve)
            return earlier;
        }
        int lent = Math.min(units, segment.remaining());
        if (lent <= 0) {
            return 0;
        }
        entry.setValue(segment.lend(transferHash, toSegment, lent, writer));
        noteOrders(entry.getKey());
        return lent;
    }

    @Override
    SegmentChange<Integer> withWriter(long writer) {
        return new LendUnits(transferHash, toSegment, units, writer);
    }
}
