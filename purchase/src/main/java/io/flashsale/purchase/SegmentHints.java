package io.flashsale.purchase;

import io.flashsale.model.stock.StockKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node saw of empty segments in the last moment, so that buyers skip them instead of asking each empty
 * segment again (near the end of a sale most segments are empty). Only a hint: it expires after {@link #TTL_NANOS}
 * (stock can come back) and a retried request ignores it.
 */
final class SegmentHints {

    static final long TTL_NANOS = 500_000_000L;

    private final Map<StockKey, Long> emptySince = new ConcurrentHashMap<>();

    void observed(StockKey key, int remaining) {
        if (remaining > 0) {
            emptySince.remove(key);
        } else {
            emptySince.put(key, System.nanoTime());
        }
    }

    boolean seenEmpty(StockKey key) {
        Long since = emptySince.get(key);
        if (since == null) {
            return false;
        }
        if (System.nanoTime() - since > TTL_NANOS) {
            emptySince.remove(key, since);
            return false;
        }
        return true;
    }
}
