package io.flashsale.model.stock;

import java.util.Map;

/**
 * {@link TryReserve} for a batch of purchase requests in one call: in the batch's order, each request takes up to
 * what it wants (at least one unit) while the segment has stock. A request the journal already holds gets its
 * earlier units back and changes nothing, so a retried or re-executed batch never decrements twice.
 * Deterministic, for the backup replica.
 */
public final class TryReserveForBatch extends SegmentChange<TryReserveForBatch.Result> {

    /**
     * @param units     units each request holds in the segment, in the batch's order (0 when it got none)
     * @param remaining units left in the segment afterwards
     * @param missing   true when the segment does not exist (unknown sale, or not loaded)
     */
    public record Result(int[] units, int remaining, boolean missing) {
    }

    private final long[] requestHashes;
    private final int[] wanted;

    public TryReserveForBatch(long[] requestHashes, int[] wanted) {
        this(requestHashes, wanted, 0);
    }

    private TryReserveForBatch(long[] requestHashes, int[] wanted, long writer) {
        super(writer);
        if (requestHashes.length != wanted.length) {
            throw new IllegalArgumentException("one wanted quantity per request");
        }
        for (int i = 0; i < requestHashes.length; i++) {
            if (requestHashes[i] == 0 || wanted[i] < 1) {
                throw new IllegalArgumentException("request " + i + ": hash 0 or nothing wanted");
            }
        }
        this.requestHashes = requestHashes;
        this.wanted = wanted;
    }

    @Override
    Result apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return new Result(new int[requestHashes.length], 0, true);
        }
        int[] units = new int[requestHashes.length];
        StockSegment after = segment.reserveAll(requestHashes, wanted, units, writer);
        if (after != segment || anyHeld(units)) {
            // Also when every request is a repeat: see TryReserve, the backup must hold what is answered.
            entry.setValue(after);
        }
        return new Result(units, Math.max(0, after.remaining()), false);
    }

    private static boolean anyHeld(int[] units) {
        for (int u : units) {
            if (u > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    SegmentChange<Result> withWriter(long writer) {
        return new TryReserveForBatch(requestHashes, wanted, writer);
    }
}
