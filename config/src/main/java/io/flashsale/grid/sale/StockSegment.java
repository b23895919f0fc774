package io.flashsale.grid.sale;

import java.util.Arrays;

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
 */
public record StockSegment(int remaining, int sold, long[] journalRequests, int[] journalUnits, int cursor) {

    public static final int JOURNAL_SIZE = 1024;

    /** A new segment holding {@code units}. */
    public static StockSegment initial(int units) {
        return restored(units, 0);
    }

    /** A segment restored from the database: the journal of a stopped grid is gone, so it starts empty. */
    public static StockSegment restored(int remaining, int sold) {
        return new StockSegment(remaining, sold, new long[JOURNAL_SIZE], new int[JOURNAL_SIZE], 0);
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
                (cursor + 1) % JOURNAL_SIZE);
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
        return new StockSegment(remaining + units, sold - units, journalRequests, journalUnits, cursor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StockSegment s && s.remaining == remaining && s.sold == sold && s.cursor == cursor
                && Arrays.equals(s.journalRequests, journalRequests) && Arrays.equals(s.journalUnits, journalUnits);
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
