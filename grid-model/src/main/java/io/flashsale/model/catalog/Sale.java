package io.flashsale.model.catalog;

import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A flash sale as the grid holds it. Its stock lives apart, in {@code segments} {@link StockSegment}s.
 *
 * @param startsAt epoch milliseconds
 * @param endsAt   epoch milliseconds, exclusive
 */
public record Sale(String saleId, String productId, int stock, int segments, int perUserLimit,
                   long startsAt, long endsAt) {

    public static final int MAX_SEGMENTS = 1024;

    /**
     * Home segments per sale at most (see {@link #homeOf}): also the number of purchase batches an app node runs at
     * once for one sale. Fewer make bigger batches (grid level, 50 callers: 4 claim groups 22.8k purchases/s, 2
     * groups 29.0k, 1 group 31.8k; see docs/BENCHMARKS.md), but a home's claims travel with it in one piece when its
     * partition migrates; two keep that at about half the sale's buyers.
     */
    public static final int HOMES = 2;

    public Sale {
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(productId, "productId");
        if (stock < 0) {
            throw new IllegalArgumentException("stock must be >= 0, got " + stock);
        }
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException("segments must be in 1.." + MAX_SEGMENTS + ", got " + segments);
        }
        if (perUserLimit < 1) {
            throw new IllegalArgumentException("perUserLimit must be >= 1, got " + perUserLimit);
        }
    }

    /** Whether purchases are open at {@code now} (epoch milliseconds). */
    public boolean isOpenAt(long now) {
        return now >= startsAt && now < endsAt;
    }

    /** The units segment {@code segment} starts with: the stock split as evenly as it goes, the first ones +1. */
    public int initialUnitsOf(int segment) {
        return stock / segments + (segment < stock % segments ? 1 : 0);
    }

    /** The sale's stock segments as a new sale starts: each with its share, nothing sold. */
    public Map<StockKey, StockSegment> initialSegments() {
        Map<StockKey, StockSegment> initial = new HashMap<>();
        for (int s = 0; s < segments; s++) {
            initial.put(stockKey(s), StockSegment.initial(initialUnitsOf(s)));
        }
        return initial;
    }

    /**
     * The home segment of {@code userId}'s purchases: it holds the buyer's claims of the per-user limit, and a batch
     * of its buyers' purchases is decided there in one call. The first {@link #HOMES} segments are the homes;
     * stable across JVMs ({@link String#hashCode()} is specified).
     */
    public StockKey homeOf(String userId) {
        return stockKey(Math.floorMod(userId.hashCode(), Math.min(HOMES, segments)));
    }

    public StockKey stockKey(int segment) {
        return new StockKey(saleId, segment);
    }
}
