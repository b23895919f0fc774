package io.flashsale.mapstore;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When an entry read from the database leaves the grid: a time-to-live moved at random by up to a share of itself,
 * so that entries loaded together (a warm-up, a burst of reads after a restart) expire spread out instead of all at
 * once (cache avalanche).
 */
final class LoadedExpiry {

    private final long ttlMillis;
    private final int jitterPercent;

    LoadedExpiry(long ttlMillis, int jitterPercent) {
        this.ttlMillis = ttlMillis;
        this.jitterPercent = jitterPercent;
    }

    /** Epoch milliseconds at which an entry loaded at {@code now} expires. */
    long at(long now) {
        long spread = ttlMillis * jitterPercent / 100;
        long jitter = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return now + ttlMillis + jitter;
    }
}
