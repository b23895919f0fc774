package io.flashsale.model.stock;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.serial.WrittenOutSerializer;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Map;

/**
 * {@link TryReserve} for a batch of purchase requests in one call: in the batch's order, each request takes up to
 * what it wants (at least one unit) while the segment has stock. A request the journal already holds gets its
 * earlier units back and changes nothing, so a retried or re-executed batch never decrements twice.
 *
 * <p>With {@code claims} (on the buyers' home segment, see {@link StockSegment#claims()}), each request first claims
 * its units of the per-user limit here, and a request refused by the limit takes nothing. With {@code orders} (one
 * per request, in the same order), a request that takes all it wants here has its order put in the segment's outbox
 * in the same change ({@link StockSegment#outbox()}). On its home segment a batch of purchases is thus decided whole
 * (limits, units, orders) by one backed-up operation. A repeat's order was recorded by the run that took its units.
 * Deterministic, for the backup replica, which re-runs it with the batch (a backup carries the batch, not the
 * segment).
 */
public final class TryReserveForBatch extends SegmentChange<TryReserveForBatch.Result> {

    /**
     * @param units     units each request holds in the segment, in the batch's order (0 when it got none); a
     *                  request holding all it wanted has its order in the outbox (when the batch carried orders)
     * @param remaining units left in the segment afterwards
     * @param missing   true when the segment does not exist (unknown sale, or not loaded)
     * @param claims    with claims, each request's {@link ClaimUnits.Outcome#code}; else empty
     */
    public record Result(int[] units, int remaining, boolean missing, int[] claims) {

        /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
        public static final class Serializer extends WrittenOutSerializer<Result> {

            public Serializer() {
                super(Result.class);
            }

            @Override
            public Result read(CompactReader in) {
                return new Result(in.readArrayOfInt32("units"), in.readInt32("remaining"), in.readBoolean("missing"),
                        in.readArrayOfInt32("claims"));
            }

            @Override
            public void write(CompactWriter out, Result result) {
                out.writeArrayOfInt32("units", result.units());
                out.writeInt32("remaining", result.remaining());
                out.writeBoolean("missing", result.missing());
                out.writeArrayOfInt32("claims", result.claims());
            }
        }
    }

    private final ClaimUnits.@Nullable Claims claims;
    private final long[] requestHashes;
    private final int[] wanted;
    private final OrderChunk orders;

    /** Takes the units only; the orders are stored elsewhere. */
    public TryReserveForBatch(long[] requestHashes, int[] wanted) {
        this(null, requestHashes, wanted, OrderChunk.EMPTY, 0);
    }

    /** Takes the units and records in the outbox the order of each request covered in full. */
    public TryReserveForBatch(long[] requestHashes, int[] wanted, OrderChunk orders) {
        this(null, requestHashes, wanted, orders, 0);
    }

    /** On the buyers' home segment: claims each request's units of its buyer's limit, then as above. */
    public TryReserveForBatch(ClaimUnits.Claims claims, long[] requestHashes, int[] wanted, OrderChunk orders) {
        this(claims, requestHashes, wanted, orders, 0);
    }

    private TryReserveForBatch(ClaimUnits.@Nullable Claims claims, long[] requestHashes, int[] wanted,
                               OrderChunk orders, long writer) {
        super(writer);
        if (requestHashes.length != wanted.length) {
            throw new IllegalArgumentException("one wanted quantity per request");
        }
        if (orders.size() != 0 && orders.size() != wanted.length) {
            throw new IllegalArgumentException("one order per request, or none");
        }
        if (claims != null && claims.requestIds().length != wanted.length) {
            throw new IllegalArgumentException("one claim per request");
        }
        for (int i = 0; i < requestHashes.length; i++) {
            if (requestHashes[i] == 0 || wanted[i] < 1) {
                throw new IllegalArgumentException("request " + i + ": hash 0 or nothing wanted");
            }
        }
        this.claims = claims;
        this.requestHashes = requestHashes;
        this.wanted = wanted;
        this.orders = orders;
    }

    @Override
    Result apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        int[] codes = new int[claims == null ? 0 : requestHashes.length];
        if (segment == null) {
            Arrays.fill(codes, ClaimUnits.Outcome.NO_SEGMENT.code);
            return new Result(new int[requestHashes.length], 0, true, codes);
        }
        int[] allowed = wanted;
        boolean claimed = false;
        StockSegment after = segment;
        if (claims != null) {
            ClaimGroup group = segment.claimsToChange();
            claimed = claims.claimIn(group, codes);
            after = segment.withClaims(group);
            allowed = wanted.clone();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == ClaimUnits.Outcome.LIMIT_REACHED.code) {
                    allowed[i] = 0; // takes nothing, and has no order
                }
            }
        }
        int[] units = new int[requestHashes.length];
        boolean[] fresh = new boolean[requestHashes.length];
        after = after.reserveAll(requestHashes, allowed, units, fresh, writer);
        int[] wantedHere = allowed;
        OrderChunk accepted = orders.only(i -> fresh[i] && wantedHere[i] > 0 && units[i] == wantedHere[i]);
        if (accepted.size() > 0) {
            after = after.withOutbox(Outbox.append(after.outbox(), accepted));
            noteOrders(entry.getKey());
        }
        if (after != segment || claimed || anyHeld(units)) {
            // Also when every request is a repeat: see TryReserve, the backup must hold what is answered.
            entry.setValue(after);
        }
        return new Result(units, Math.max(0, after.remaining()), false, codes);
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
        return new TryReserveForBatch(claims, requestHashes, wanted, orders, writer);
    }

    /**
     * Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}): the fields of this
     * class and of {@link SegmentChange} (its writer).
     */
    public static final class Serializer extends WrittenOutSerializer<TryReserveForBatch> {

        public Serializer() {
            super(TryReserveForBatch.class);
        }

        @Override
        public TryReserveForBatch read(CompactReader in) {
            return new TryReserveForBatch(in.readCompact("claims"), in.readArrayOfInt64("requestHashes"),
                    in.readArrayOfInt32("wanted"), in.readCompact("orders"), in.readInt64("writer"));
        }

        @Override
        public void write(CompactWriter out, TryReserveForBatch change) {
            out.writeCompact("claims", change.claims);
            out.writeArrayOfInt64("requestHashes", change.requestHashes);
            out.writeArrayOfInt32("wanted", change.wanted);
            out.writeCompact("orders", change.orders);
            out.writeInt64("writer", change.carriedWriter());
        }
    }
}
