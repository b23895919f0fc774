package io.flashsale.grid.sale;

import java.util.Arrays;

/**
 * One segment of a sale's stock, changed only by EntryProcessors ({@link TryReserve}, {@link ReleaseReservation}).
 * Immutable: the write-behind queue holds a reference to the value while a store runs on another thread.
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
        long[] requests = journalRequests.clone();
        int[] unitsCopy = journalUnits.clone();
        requests[cursor] = requestHash;
        unitsCopy[cursor] = units;
        return new StockSegment(remaining - units, sold + units, requests, unitsCopy, (cursor + 1) % JOURNAL_SIZE);
    }

    /** Gives back what {@code requestHash} reserved here and forgets it, so a repeated release changes nothing. */
    StockSegment release(long requestHash) {
        int slot = slotOf(requestHash);
        if (slot < 0) {
            return this;
        }
        int units = journalUnits[slot];
        long[] requests = journalRequests.clone();
        int[] unitsCopy = journalUnits.clone();
        requests[slot] = 0;
        unitsCopy[slot] = 0;
        return new StockSegment(remaining + units, sold - units, requests, unitsCopy, cursor);
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
