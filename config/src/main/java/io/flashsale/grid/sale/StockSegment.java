package io.flashsale.grid.sale;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * One segment of a sale's stock, changed only by EntryProcessors ({@link TryReserve}, {@link TryReserveForBatch},
 * {@link ReleaseReservation}). {@code remaining} and {@code sold} are copy-on-write: the write-behind queue holds
 * the value while a store reads them on another thread. The journal is not: copying its 12 KB on every reservation
 * (on the owner and again on the backup) was the largest allocation of the purchase path. A new value shares the
 * journal arrays of the one it replaces and writes them in place. That is safe because only the partition thread
 * that owns this replica runs processors on it, reads the journal or serializes it (for a get, a backup or a
 * migration); the store only reads the two counters. (A query reading the value on another thread may see a journal
 * mid-update in its copy; nothing outside the processors uses the journal.)
 *
 * <p>The journal ({@code journalRequests}, {@code journalUnits}) is a ring of the last {@value #JOURNAL_SIZE}
 * reservations made here: a 64-bit hash of the request id and the units it took. Hazelcast re-runs an operation
 * whose member left (at-least-once) and our app nodes retry with the same request id; the journal turns those
 * repeats into answers instead of second decrements. It only needs to outlive the retry window: a retry misses its
 * entry only if more than {@value #JOURNAL_SIZE} other reservations hit this very segment in between.
 *
 * @param remaining       units still to sell
 * @param sold            units sold from this segment (released units leave it again)
 * @param journalRequests ring of request-id hashes, 0 = free slot
 * @param journalUnits    units reserved by the request in the same slot
 * @param cursor          next slot of the ring to write
 * @param returnedOrders  ring of the hashes of orders whose units came back here (see {@link #takeBack}); empty
 *                        until the first return
 * @param returnCursor    next slot of that ring to write
 */
public record StockSegment(int remaining, int sold, long[] journalRequests, int[] journalUnits, int cursor,
                           long[] returnedOrders, int returnCursor) {

    public static final int JOURNAL_SIZE = 1024;
    public static final int RETURNS_SIZE = 1024;
    private static final long[] NO_RETURNS = new long[0];

    /** A new segment holding {@code units}. */
    public static StockSegment initial(int units) {
        return restored(units, 0);
    }

    /** A segment restored from the database: the journal of a stopped grid is gone, so it starts empty. */
    public static StockSegment restored(int remaining, int sold) {
        return new StockSegment(remaining, sold, new long[JOURNAL_SIZE], new int[JOURNAL_SIZE], 0, NO_RETURNS, 0);
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

    StockSegment reserve(long requestHash, int units) {
        journalRequests[cursor] = requestHash;
        journalUnits[cursor] = units;
        return new StockSegment(remaining - units, sold + units, journalRequests, journalUnits,
                (cursor + 1) % JOURNAL_SIZE, returnedOrders, returnCursor);
    }

    /**
     * {@link #reserve} for several requests: fills {@code units} with what each request holds here (its earlier
     * units when the journal has it already). Returns this segment when nothing changed.
     */
    StockSegment reserveAll(long[] requestHashes, int[] wanted, int[] units) {
        StockSegment after = this;
        for (int i = 0; i < requestHashes.length; i++) {
            int earlier = after.unitsReservedBy(requestHashes[i]);
            if (earlier > 0) {
                units[i] = earlier;
                continue;
            }
            int take = Math.min(wanted[i], after.remaining);
            if (take > 0) {
                after = after.reserve(requestHashes[i], take);
                units[i] = take;
            }
        }
        return after;
    }

    /** Gives back what {@code requestHash} reserved here and forgets it, so a repeated release changes nothing. */
    StockSegment release(long requestHash) {
        int slot = slotOf(requestHash);
        if (slot < 0) {
            return this;
        }
        int units = journalUnits[slot];
        journalRequests[slot] = 0;
        journalUnits[slot] = 0;
        return new StockSegment(remaining + units, sold - units, journalRequests, journalUnits, cursor,
                returnedOrders, returnCursor);
    }

    /**
     * Takes back the units of an order that was cancelled or expired, once: the order's hash goes into a ring of the
     * last {@value #RETURNS_SIZE} returns (allocated at the first return; most segments never see one), and a
     * repeat that finds it there changes nothing. A repeat comes from a give-back interrupted before the order was
     * marked as returned, and is retried within seconds; it would need more than {@value #RETURNS_SIZE} other
     * returns on this very segment in between to be taken twice. Units never leave {@code sold} below zero.
     */
    StockSegment takeBack(long orderHash, int units) {
        for (long returned : returnedOrders) {
            if (returned == orderHash) {
                return this;
            }
        }
        int back = Math.min(units, sold);
        long[] ring = returnedOrders.length == 0 ? new long[RETURNS_SIZE] : returnedOrders;
        ring[returnCursor] = orderHash;
        return new StockSegment(remaining + back, sold - back, journalRequests, journalUnits, cursor, ring,
                (returnCursor + 1) % RETURNS_SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StockSegment s && s.remaining == remaining && s.sold == sold && s.cursor == cursor
                && Arrays.equals(s.journalRequests, journalRequests) && Arrays.equals(s.journalUnits, journalUnits)
                && s.returnCursor == returnCursor && Arrays.equals(s.returnedOrders, returnedOrders);
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
