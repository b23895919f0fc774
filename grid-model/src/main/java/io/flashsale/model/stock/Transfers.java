package io.flashsale.model.stock;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units a segment lent to and borrowed from the other segments of its sale, which keep a sale's home segments
 * stocked (see {@link LendUnits}). A transfer is two changes, each applied once: the lender takes the units out and
 * holds the transfer as {@code outgoing} ({@link LendUnits}); its member's {@link OutboxMover} delivers it
 * ({@link ReceiveUnits}) and then forgets it ({@link ForgetTransfer}). A unit in transit is in neither segment's
 * {@code remaining}: it may stay unsold if the whole grid is lost in that second, never sold twice.
 *
 * <p>Like the segment's other counters they are counted per writer ({@code lent}, {@code borrowed}, see
 * {@link SegmentChange}), so two copies of a segment merge like its reservations do ({@link #mergedWith}). The rings
 * {@code sent} and {@code received} remember the last {@value #RING} transfers each way, so a repeated lend answers
 * the same units and a repeated delivery adds nothing. Copy-on-write: transfers are a few per sale, so a new value
 * per change costs nothing that matters, and nothing is shared between values.
 */
public final class Transfers {

    /** Transfers each ring remembers: a sale's segments lend to its homes a few times per sale. */
    static final int RING = 64;
    static final Transfers NONE = new Transfers(new long[0], new int[0], new int[0], new UnitTransfer[0], new long[0],
            new int[0], 0, new long[0], new int[0], new long[0], 0);
    /** Mixed into a writer's id to name the writer of the corrections a merge makes for it. */
    private static final long CORRECTIONS = 0x7472616e73666572L;

    private final long[] writers;
    private final int[] lent;
    private final int[] borrowed;
    private final UnitTransfer[] outgoing;
    private final long[] sent;
    private final int[] sentUnits;
    private final int sentCursor;
    private final long[] received;
    private final int[] receivedUnits;
    private final long[] receivedWriters;
    private final int receivedCursor;

    Transfers(long[] writers, int[] lent, int[] borrowed, UnitTransfer[] outgoing, long[] sent, int[] sentUnits,
              int sentCursor, long[] received, int[] receivedUnits, long[] receivedWriters, int receivedCursor) {
        this.writers = writers;
        this.lent = lent;
        this.borrowed = borrowed;
        this.outgoing = outgoing;
        this.sent = sent;
        this.sentUnits = sentUnits;
        this.sentCursor = sentCursor;
        this.received = received;
        this.receivedUnits = receivedUnits;
        this.receivedWriters = receivedWriters;
        this.receivedCursor = receivedCursor;
    }

    /** Units lent minus units borrowed, over all writers: what the segment's {@code remaining} is short by. */
    int netOut() {
        return new WriterCounts(writers, lent, borrowed).net();
    }

    /** Lent and not yet seen delivered. */
    public UnitTransfer[] outgoing() {
        return outgoing;
    }

    /** The units lent under {@code hash} (a repeat of the lend), or -1 when the ring does not hold it. */
    int unitsSent(long hash) {
        int i = WriterCounts.indexOf(sent, hash);
        return i < 0 ? -1 : sentUnits[i];
    }

    /** Whether the transfer {@code hash} was received here (within the ring). */
    boolean wasReceived(long hash) {
        return WriterCounts.indexOf(received, hash) >= 0;
    }

    /** {@code transfer} lent by {@code writer}: counted, outgoing and remembered as sent. */
    Transfers lend(UnitTransfer transfer, long writer) {
        WriterCounts counts = WriterCounts.copyOf(writers, lent, borrowed);
        int i = counts.slotOf(writer); // before reading counts.up: a new writer grows the arrays
        counts.up[i] += transfer.units();
        UnitTransfer[] out = Arrays.copyOf(outgoing, outgoing.length + 1);
        out[outgoing.length] = transfer;
        return new Transfers(counts.writers, counts.up, counts.down, out, sent, sentUnits, sentCursor, received,
                receivedUnits, receivedWriters, receivedCursor).remembered(transfer.hash(), transfer.units());
    }

    /** Without the outgoing transfer {@code hash} (delivered); itself when it holds none. */
    Transfers forget(long hash) {
        UnitTransfer[] kept = Arrays.stream(outgoing).filter(t -> t.hash() != hash).toArray(UnitTransfer[]::new);
        return kept.length == outgoing.length ? this : new Transfers(writers, lent, borrowed, kept, sent, sentUnits,
                sentCursor, received, receivedUnits, receivedWriters, receivedCursor);
    }

    /** {@code units} received by {@code writer} under {@code hash}: counted and remembered. */
    Transfers receive(long hash, int units, long writer) {
        WriterCounts counts = WriterCounts.copyOf(writers, lent, borrowed);
        int i = counts.slotOf(writer);
        counts.down[i] += units;
        return new Transfers(counts.writers, counts.up, counts.down, outgoing, sent, sentUnits, sentCursor,
                received, receivedUnits, receivedWriters, receivedCursor).withReceipt(hash, units, writer);
    }

    /**
     * Both copies' transfers (after a split brain; see {@code StockSegment#mergedWith}): per writer the larger count,
     * the union of the outgoing transfers (one forgotten on either side is still delivered at most once, as the
     * receiver remembers it) and of both rings. A transfer received on both sides (lent before the split, delivered
     * by each side's copy of the lender) is counted once: the other side's units are taken out again under a writer
     * of their own, set rather than added so that merging again changes nothing. A lend made on both sides (a
     * retried call answered by each) is counted twice: those units stay unsold, never sold twice.
     */
    Transfers mergedWith(Transfers other) {
        WriterCounts counts = WriterCounts.copyOf(writers, lent, borrowed);
        counts.mergeMax(other.writers, other.lent, other.borrowed);
        Map<Long, Integer> twiceByWriter = new HashMap<>();
        for (int j = 0; j < other.received.length; j++) {
            int i = other.received[j] == 0 ? -1 : WriterCounts.indexOf(received, other.received[j]);
            if (i >= 0 && receivedWriters[i] != other.receivedWriters[j]) {
                twiceByWriter.merge(other.receivedWriters[j], other.receivedUnits[j], Integer::sum);
            }
        }
        for (Map.Entry<Long, Integer> twice : twiceByWriter.entrySet()) {
            int i = counts.slotOf(WriterCounts.correctionsOf(twice.getKey(), CORRECTIONS));
            counts.up[i] = Math.max(counts.up[i], twice.getValue());
        }
        List<UnitTransfer> out = new ArrayList<>(Arrays.asList(outgoing));
        for (UnitTransfer t : other.outgoing) {
            if (out.stream().noneMatch(o -> o.hash() == t.hash())) {
                out.add(t);
            }
        }
        Transfers merged = new Transfers(counts.writers, counts.up, counts.down,
                out.toArray(UnitTransfer[]::new), sent, sentUnits, sentCursor, received, receivedUnits,
                receivedWriters, receivedCursor);
        for (int j = 0; j < other.sent.length; j++) {
            if (other.sent[j] != 0 && merged.unitsSent(other.sent[j]) < 0) {
                merged = merged.remembered(other.sent[j], other.sentUnits[j]);
            }
        }
        for (int j = 0; j < other.received.length; j++) {
            if (other.received[j] != 0 && !merged.wasReceived(other.received[j])) {
                merged = merged.withReceipt(other.received[j], other.receivedUnits[j], other.receivedWriters[j]);
            }
        }
        return merged;
    }

    /** With {@code hash} in the sent ring, nothing counted. */
    private Transfers remembered(long hash, int units) {
        long[] ring = ring(sent);
        int[] ringUnits = Arrays.copyOf(sentUnits, RING);
        ring[sentCursor] = hash;
        ringUnits[sentCursor] = units;
        return new Transfers(writers, lent, borrowed, outgoing, ring, ringUnits, (sentCursor + 1) % RING, received,
                receivedUnits, receivedWriters, receivedCursor);
    }

    /** With {@code hash} in the received ring, nothing counted. */
    private Transfers withReceipt(long hash, int units, long writer) {
        long[] ring = ring(received);
        int[] ringUnits = Arrays.copyOf(receivedUnits, RING);
        long[] ringWriters = Arrays.copyOf(receivedWriters, RING);
        ring[receivedCursor] = hash;
        ringUnits[receivedCursor] = units;
        ringWriters[receivedCursor] = writer;
        return new Transfers(writers, lent, borrowed, outgoing, sent, sentUnits, sentCursor, ring, ringUnits,
                ringWriters, (receivedCursor + 1) % RING);
    }

    /** A ring of {@value #RING} slots holding what {@code ring} holds (allocated at the first use). */
    private static long[] ring(long[] ring) {
        return Arrays.copyOf(ring, RING);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transfers t && Arrays.equals(t.writers, writers) && Arrays.equals(t.lent, lent)
                && Arrays.equals(t.borrowed, borrowed) && Arrays.equals(t.outgoing, outgoing)
                && Arrays.equals(t.sent, sent) && Arrays.equals(t.sentUnits, sentUnits) && t.sentCursor == sentCursor
                && Arrays.equals(t.received, received) && Arrays.equals(t.receivedUnits, receivedUnits)
                && Arrays.equals(t.receivedWriters, receivedWriters) && t.receivedCursor == receivedCursor;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(writers) * 31 + outgoing.length;
    }

    @Override
    public String toString() {
        return "Transfers[out " + netOut() + ", " + outgoing.length + " outgoing]";
    }
}
