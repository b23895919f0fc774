package io.flashsale.model.stock;

import io.flashsale.model.merge.Mergeable;
import io.flashsale.model.order.OrderChunk;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One segment of a sale's stock, changed only by EntryProcessors (the {@link SegmentChange}s). {@code remaining} and
 * {@code sold} are copy-on-write: the write-behind queue holds the value while a store reads them on another thread.
 * The journal and the writers' counters are not: copying the journal's 12 KB on every reservation (on the owner and
 * again on the backup) was the largest allocation of the purchase path. A new value shares those arrays with the
 * one it replaces and writes them in place. That is safe because only the partition thread that owns this replica
 * runs processors on it, merges it, reads the journal or serializes it (for a get, a backup or a migration); the
 * store only reads the two counters. (A query reading the value on another thread may see a journal mid-update in
 * its copy; nothing outside the processors uses the journal.)
 *
 * <p>The journal ({@code journalRequests}, {@code journalUnits}) is a ring of the last {@value #JOURNAL_SIZE}
 * reservations made here: a 64-bit hash of the request id and the units it took. Hazelcast re-runs an operation
 * whose member left (at-least-once) and our app nodes retry with the same request id; the journal turns those
 * repeats into answers instead of second decrements. It only needs to outlive the retry window: a retry misses its
 * entry only if more than {@value #JOURNAL_SIZE} other reservations hit this very segment in between.
 *
 * <p>Split brain: every change is also counted under its writer, the member that held the primary replica (see
 * {@link SegmentChange}): {@code taken} units reserved, {@code given} units released or returned, since the segment
 * was created or loaded with {@code baseRemaining}/{@code baseSold}. Counters per writer only grow, and a writer
 * writes on one side of a split only, so two copies of a segment merge like a PN-counter CRDT (per writer, the
 * larger count) into what both sides did: see {@link #mergedWith}.
 *
 * <p>A class, not a record: a new value shares its journal and counters with the one it replaces and changes them in
 * place (see above), which a record's value semantics would hide. What it holds:
 * <ul>
 * <li>{@code remaining}: units still to sell; below zero only when two sides of a split brain sold the same
 *     units</li>
 * <li>{@code sold}: units sold from this segment (released units leave it again)</li>
 * <li>{@code baseRemaining}: {@code remaining} when the segment was created or loaded from the database</li>
 * <li>{@code baseSold}: {@code sold} then</li>
 * <li>{@code writers}: the writer ids that changed the segment since</li>
 * <li>{@code taken}: units each writer reserved, in the order of {@code writers}</li>
 * <li>{@code given}: units each writer released or took back</li>
 * <li>{@code journalRequests}: ring of request-id hashes, 0 = free slot</li>
 * <li>{@code journalUnits}: units reserved by the request in the same slot</li>
 * <li>{@code journalWriters}: the writer that reserved them, as an index into {@code writers}</li>
 * <li>{@code cursor}: next slot of the ring to write</li>
 * <li>{@code returnedOrders}: ring of the hashes of orders whose units came back here (see {@link #takeBack});
 *     empty until the first return</li>
 * <li>{@code returnCursor}: next slot of that ring to write</li>
 * <li>{@code outbox}: orders accepted here and not yet moved to the {@code orders} map (see {@link #outbox()})</li>
 * <li>{@code claims}: in a sale's home segments only, the per-user claims of the buyers whose home it is (see
 *     {@link #claims()}); null elsewhere</li>
 * <li>{@code transfers}: units lent to and borrowed from the sale's other segments (see {@link Transfers})</li>
 * </ul>
 */
public final class StockSegment implements Mergeable<StockSegment> {

    public static final int JOURNAL_SIZE = 1024;
    public static final int RETURNS_SIZE = 1024;
    private static final long[] NO_RETURNS = new long[0];

    private final int remaining;
    private final int sold;
    private final int baseRemaining;
    private final int baseSold;
    private final long[] writers;
    private final int[] taken;
    private final int[] given;
    private final long[] journalRequests;
    private final int[] journalUnits;
    private final int[] journalWriters;
    private final int cursor;
    private final long[] returnedOrders;
    private final int returnCursor;
    private final OrderChunk[] outbox;
    private final @Nullable ClaimGroup claims;
    private final Transfers transfers;

    StockSegment(int remaining, int sold, int baseRemaining, int baseSold, long[] writers, int[] taken, int[] given,
                 long[] journalRequests, int[] journalUnits, int[] journalWriters, int cursor, long[] returnedOrders,
                 int returnCursor, OrderChunk[] outbox, @Nullable ClaimGroup claims, Transfers transfers) {
        this.remaining = remaining;
        this.sold = sold;
        this.baseRemaining = baseRemaining;
        this.baseSold = baseSold;
        this.writers = writers;
        this.taken = taken;
        this.given = given;
        this.journalRequests = journalRequests;
        this.journalUnits = journalUnits;
        this.journalWriters = journalWriters;
        this.cursor = cursor;
        this.returnedOrders = returnedOrders;
        this.returnCursor = returnCursor;
        this.outbox = outbox;
        this.claims = claims;
        this.transfers = transfers;
    }

    public int remaining() {
        return remaining;
    }

    public int sold() {
        return sold;
    }

    public int baseRemaining() {
        return baseRemaining;
    }

    public int baseSold() {
        return baseSold;
    }

    public long[] writers() {
        return writers;
    }

    public int[] taken() {
        return taken;
    }

    public int[] given() {
        return given;
    }

    public long[] journalRequests() {
        return journalRequests;
    }

    public int[] journalUnits() {
        return journalUnits;
    }

    public int[] journalWriters() {
        return journalWriters;
    }

    public int cursor() {
        return cursor;
    }

    public long[] returnedOrders() {
        return returnedOrders;
    }

    public int returnCursor() {
        return returnCursor;
    }

    /**
     * Orders a batch accepted here, recorded in the same call that took their units ({@link TryReserveForBatch}), so a
     * batch of purchases is one backed-up operation instead of two; a chunk per batch, as the client serialized them.
     * The {@code orders} map is their home: the owner member moves them there every 200 ms
     * ({@link OutboxMover}), and an order asked for before that is moved on demand. Never changed in place: a new
     * array per change, so a reader on another thread sees a whole one.
     */
    public OrderChunk[] outbox() {
        return outbox;
    }

    /** This segment with {@code newOutbox} as its outbox, all else shared; itself when that is its outbox already. */
    StockSegment withOutbox(OrderChunk[] newOutbox) {
        return newOutbox == outbox ? this : new StockSegment(remaining, sold, baseRemaining, baseSold, writers, taken,
                given, journalRequests, journalUnits, journalWriters, cursor, returnedOrders, returnCursor, newOutbox,
                claims, transfers);
    }

    /**
     * In a home segment of its sale ({@code Sale#homeOf}), the claims of the buyers whose home it is: what each holds
     * of the per-user limit. They live in the segment so that one call on it decides a batch of purchases whole
     * (limits, units, orders) with one backup. Null until the first claim, and in the other segments. Changed in
     * place, like the journal (see the class), and shared by each new value with the one it replaces.
     */
    public @Nullable ClaimGroup claims() {
        return claims;
    }

    /** The claims to change: this segment's, or a new empty group that {@link #withClaims} then attaches. */
    ClaimGroup claimsToChange() {
        return claims != null ? claims : new ClaimGroup();
    }

    /** This segment holding {@code group} as its claims, all else shared; itself when it holds that group already. */
    StockSegment withClaims(ClaimGroup group) {
        return group == claims ? this : new StockSegment(remaining, sold, baseRemaining, baseSold, writers, taken,
                given, journalRequests, journalUnits, journalWriters, cursor, returnedOrders, returnCursor, outbox,
                group, transfers);
    }

    /** Units lent to and borrowed from the sale's other segments. */
    public Transfers transfers() {
        return transfers;
    }

    /** Lends {@code units} (at most what remains, more than 0) to segment {@code toSegment} under {@code hash}. */
    StockSegment lend(long hash, int toSegment, int units, long writer) {
        return withTransfers(remaining - units, transfers.lend(new UnitTransfer(hash, toSegment, units), writer));
    }

    /** Receives the {@code units} of transfer {@code hash}; a repeat changes nothing. */
    StockSegment receive(long hash, int units, long writer) {
        return transfers.wasReceived(hash) ? this : withTransfers(remaining + units,
                transfers.receive(hash, units, writer));
    }

    /** Forgets the outgoing transfer {@code hash}, delivered. */
    StockSegment forgetTransfer(long hash) {
        Transfers after = transfers.forget(hash);
        return after == transfers ? this : withTransfers(remaining, after);
    }

    private StockSegment withTransfers(int newRemaining, Transfers newTransfers) {
        return new StockSegment(newRemaining, sold, baseRemaining, baseSold, writers, taken, given, journalRequests,
                journalUnits, journalWriters, cursor, returnedOrders, returnCursor, outbox, claims, newTransfers);
    }

    /** A new segment holding {@code units}. */
    public static StockSegment initial(int units) {
        return restored(units, 0);
    }

    /** A segment restored from the database: the journal of a stopped grid is gone, so it starts empty. */
    public static StockSegment restored(int remaining, int sold) {
        return new StockSegment(remaining, sold, remaining, sold, new long[0], new int[0], new int[0],
                new long[JOURNAL_SIZE], new int[JOURNAL_SIZE], new int[JOURNAL_SIZE], 0, NO_RETURNS, 0, Outbox.EMPTY,
                null, Transfers.NONE);
    }

    /** A 64-bit hash of a request or order id for the segment's rings; never 0, which marks a free slot. */
    public static long hashOf(String id) {
        UUID uuid = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        long h = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        return h == 0 ? 1 : h;
    }

    /** Units the request with this hash reserved here, or 0 when the journal does not hold it. */
    int unitsReservedBy(long requestHash) {
        int slot = slotOf(requestHash);
        return slot < 0 ? 0 : journalUnits[slot];
    }

    private int slotOf(long requestHash) {
        for (int i = 0; i < journalRequests.length; i++) {
            if (journalRequests[i] == requestHash) {
                return i;
            }
        }
        return -1;
    }

    StockSegment reserve(long requestHash, int units, long writer) {
        StockSegment after = counted(writer, units, 0, remaining - units, sold + units, (cursor + 1) % JOURNAL_SIZE,
                returnedOrders, returnCursor);
        journalRequests[cursor] = requestHash;
        journalUnits[cursor] = units;
        journalWriters[cursor] = WriterCounts.indexOf(after.writers, writer);
        return after;
    }

    /**
     * {@link #reserve} for several requests: fills {@code units} with what each request holds here (its earlier
     * units when the journal has it already). Returns this segment when nothing changed.
     */
    StockSegment reserveAll(long[] requestHashes, int[] wanted, int[] units, long writer) {
        return reserveAll(requestHashes, wanted, units, new boolean[requestHashes.length], writer);
    }

    /** As above; {@code fresh[i]} tells whether request {@code i} took its units now (not a repeat). */
    StockSegment reserveAll(long[] requestHashes, int[] wanted, int[] units, boolean[] fresh, long writer) {
        StockSegment after = this;
        for (int i = 0; i < requestHashes.length; i++) {
            int earlier = after.unitsReservedBy(requestHashes[i]);
            if (earlier > 0) {
                units[i] = earlier;
                continue;
            }
            int take = Math.min(wanted[i], after.remaining);
            if (take > 0) {
                after = after.reserve(requestHashes[i], take, writer);
                units[i] = take;
                fresh[i] = true;
            }
        }
        return after;
    }

    /** Gives back what {@code requestHash} reserved here and forgets it, so a repeated release changes nothing. */
    StockSegment release(long requestHash, long writer) {
        int slot = slotOf(requestHash);
        if (slot < 0) {
            return this;
        }
        int units = journalUnits[slot];
        journalRequests[slot] = 0;
        journalUnits[slot] = 0;
        return counted(writer, 0, units, remaining + units, sold - units, cursor, returnedOrders, returnCursor);
    }

    /**
     * Takes back the units of an order that was cancelled or expired, once: the order's hash goes into a ring of the
     * last {@value #RETURNS_SIZE} returns (allocated at the first return; most segments never see one), and a
     * repeat that finds it there changes nothing. A repeat comes from a give-back interrupted before the order was
     * marked as returned, and is retried within seconds; it would need more than {@value #RETURNS_SIZE} other
     * returns on this very segment in between to be taken twice. Units never leave {@code sold} below zero.
     */
    StockSegment takeBack(long orderHash, int units, long writer) {
        if (tookBack(orderHash)) {
            return this;
        }
        int back = Math.max(0, Math.min(units, sold));
        long[] ring = returnedOrders.length == 0 ? new long[RETURNS_SIZE] : returnedOrders;
        ring[returnCursor] = orderHash;
        return counted(writer, 0, back, remaining + back, sold - back, cursor, ring,
                (returnCursor + 1) % RETURNS_SIZE);
    }

    /** Whether {@link #takeBack} took back units under this hash (within its ring). */
    boolean tookBack(long hash) {
        for (long returned : returnedOrders) {
            if (returned == hash) {
                return true;
            }
        }
        return false;
    }

    /** Whether the counters and cursors are these: any reservation, release or return since moves one of them. */
    boolean isAsSeen(int seenRemaining, int seenSold, int seenCursor, int seenReturnCursor) {
        return remaining == seenRemaining && sold == seenSold && cursor == seenCursor
                && returnCursor == seenReturnCursor;
    }

    /** Empties the journal (in place, see the class): no request is recognised as a repeat any more. */
    void forgetJournal() {
        Arrays.fill(journalRequests, 0);
        Arrays.fill(journalUnits, 0);
        Arrays.fill(journalWriters, 0);
    }

    /** The next value: {@code took} and {@code gave} added to the writer's counters (in place, see the class). */
    private StockSegment counted(long writer, int took, int gave, int newRemaining, int newSold, int newCursor,
                                 long[] returns, int newReturnCursor) {
        WriterCounts counts = new WriterCounts(writers, taken, given);
        int i = counts.slotOf(writer);
        counts.up[i] += took;
        counts.down[i] += gave;
        return new StockSegment(newRemaining, newSold, baseRemaining, baseSold, counts.writers, counts.up,
                counts.down, journalRequests, journalUnits, journalWriters, newCursor, returns, newReturnCursor,
                outbox, claims, transfers);
    }

    /** This copy (the larger side's, after a split brain healed) merged with {@code other}: see {@link SegmentMerge}. */
    @Override
    public StockSegment mergedWith(StockSegment other) {
        return SegmentMerge.of(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StockSegment s && s.remaining == remaining && s.sold == sold && s.cursor == cursor
                && s.baseRemaining == baseRemaining && s.baseSold == baseSold && Arrays.equals(s.writers, writers)
                && Arrays.equals(s.taken, taken) && Arrays.equals(s.given, given)
                && Arrays.equals(s.journalRequests, journalRequests) && Arrays.equals(s.journalUnits, journalUnits)
                && Arrays.equals(s.journalWriters, journalWriters)
                && s.returnCursor == returnCursor && Arrays.equals(s.returnedOrders, returnedOrders)
                && Arrays.equals(s.outbox, outbox) && Objects.equals(s.claims, claims)
                && s.transfers.equals(transfers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * remaining + sold) + cursor;
    }

    @Override
    public String toString() {
        return "StockSegment[remaining=" + remaining + ", sold=" + sold + "]";
    }
}
