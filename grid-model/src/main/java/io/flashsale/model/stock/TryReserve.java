package io.flashsale.model.stock;

import java.util.Map;

/**
 * Atomically takes up to {@code wanted} units (at least one) from a stock segment, on the partition thread that owns
 * it. A request whose hash the segment's journal already holds gets its earlier units back and changes nothing: a
 * retried or re-executed operation never decrements twice.
 *
 * <p>Deterministic (no clock, no randomness): Hazelcast runs the same processor again on the backup replica, and
 * both must reach the same value.
 */
public final class TryReserve extends SegmentChange<Reservation> {

    private final long requestHash;
    private final int wanted;

    public TryReserve(long requestHash, int wanted) {
        this(requestHash, wanted, 0);
    }

    private TryReserve(long requestHash, int wanted, long writer) {
        super(writer);
        if (requestHash == 0) {
            throw new IllegalArgumentException("request hash 0 marks a free journal slot");
        }
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be >= 1, got " + wanted);
        }
        this.requestHash = requestHash;
        this.wanted = wanted;
    }

    @Override
    Reservation apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return Reservation.missingSegment();
        }
        int earlier = segment.unitsReservedBy(requestHash);
        if (earlier > 0) {
            // A repeat. Written again, unchanged, so that the backup replica runs this processor too and
            // acknowledges before the answer: the first attempt may have reached only this replica (its backup
            // unacknowledged: the caller got an error and tried again). Answering "reserved" without that would
            // let an order be stored for units that a failover or a split-brain merge then forgets.
            entry.setValue(segment);
            return new Reservation(earlier, Math.max(0, segment.remaining()), true, false);
        }
        // Below zero only after a split brain oversold the segment (see StockSegment#mergedWith): nothing to take.
        int units = Math.min(wanted, segment.remaining());
        if (units <= 0) {
            return new Reservation(0, Math.max(0, segment.remaining()), false, false);
        }
        StockSegment after = segment.reserve(requestHash, units, writer);
        entry.setValue(after);
        return new Reservation(units, after.remaining(), false, false);
    }

    @Override
    SegmentChange<Reservation> withWriter(long writer) {
        return new TryReserve(requestHash, wanted, writer);
    }
}
