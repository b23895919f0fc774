package io.flashsale.model.stock;

import java.util.Arrays;

/**
 * Two counts per writer (see {@link SegmentChange}) being changed: units taken and given back by a segment's
 * reservations and returns, or units lent and borrowed by its transfers. The arrays grow by one slot when a writer
 * counts for the first time; otherwise they are the arrays given, changed in place. Per writer the counts only
 * grow, and a writer writes on one side of a split only, so two copies merge as the larger count per writer.
 */
final class WriterCounts {

    long[] writers;
    int[] up;
    int[] down;

    /** Counts over these arrays, changed in place. */
    WriterCounts(long[] writers, int[] up, int[] down) {
        this.writers = writers;
        this.up = up;
        this.down = down;
    }

    /** Counts over copies of these arrays. */
    static WriterCounts copyOf(long[] writers, int[] up, int[] down) {
        return new WriterCounts(writers.clone(), up.clone(), down.clone());
    }

    /** The slot of {@code writer}, added with zero counts when it has none yet. */
    int slotOf(long writer) {
        int i = indexOf(writers, writer);
        if (i < 0) {
            i = writers.length;
            writers = Arrays.copyOf(writers, i + 1);
            up = Arrays.copyOf(up, i + 1);
            down = Arrays.copyOf(down, i + 1);
            writers[i] = writer;
        }
        return i;
    }

    /** Up minus down, over all writers. */
    int net() {
        int net = 0;
        for (int i = 0; i < writers.length; i++) {
            net += up[i] - down[i];
        }
        return net;
    }

    /** The other copy's counts merged in: per writer the larger. */
    void mergeMax(long[] otherWriters, int[] otherUp, int[] otherDown) {
        for (int j = 0; j < otherWriters.length; j++) {
            int i = slotOf(otherWriters[j]);
            up[i] = Math.max(up[i], otherUp[j]);
            down[i] = Math.max(down[i], otherDown[j]);
        }
    }

    /** The writer that a merge's corrections for {@code writer} are counted under. */
    static long correctionsOf(long writer, long mix) {
        return Long.rotateLeft(writer, 32) ^ mix;
    }

    static int indexOf(long[] values, long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
