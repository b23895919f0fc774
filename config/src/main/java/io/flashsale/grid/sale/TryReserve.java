package io.flashsale.grid.sale;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Atomically takes up to {@code wanted} units (at least one) from a stock segment, on the partition thread that owns
 * it. A request whose hash the segment's journal already holds gets its earlier units back and changes nothing: a
 * retried or re-executed operation never decrements twice.
 *
 * <p>Deterministic (no clock, no randomness): Hazelcast runs the same processor again on the backup replica, and
 * both must reach the same value.
 */
public record TryReserve(long requestHash, int wanted) implements EntryProcessor<StockKey, StockSegment, Reservation> {

    public TryReserve {
        if (requestHash == 0) {
            throw new IllegalArgumentException("request hash 0 marks a free journal slot");
        }
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be >= 1, got " + wanted);
        }
    }

    @Override
    public Reservation process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return Reservation.missingSegment();
        }
        int earlier = segment.unitsReservedBy(requestHash);
        if (earlier > 0) {
            return new Reservation(earlier, segment.remaining(), true, false);
        }
        int units = Math.min(wanted, segment.remaining());
        if (units == 0) {
            return new Reservation(0, 0, false, false);
        }
        StockSegment after = segment.reserve(requestHash, units);
        entry.setValue(after);
        return new Reservation(units, after.remaining(), false, false);
    }
}
