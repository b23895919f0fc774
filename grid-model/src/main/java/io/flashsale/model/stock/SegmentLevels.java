package io.flashsale.model.stock;

import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projection;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stock segment's counters as its readers outside the purchase path need them (sale views, audits, the held-units
 * sweep), read where the segments live ({@link #read}): the segment itself travels with its journal, outbox and, in
 * a home segment, the claims of all its buyers.
 *
 * @param cursor       the journal's cursor, which every reservation moves
 * @param returnCursor the returns' cursor, which every return moves
 */
public record SegmentLevels(int remaining, int sold, int cursor, int returnCursor) {

    public static SegmentLevels of(StockSegment segment) {
        return new SegmentLevels(segment.remaining(), segment.sold(), segment.cursor(), segment.returnCursor());
    }

    /**
     * The levels of those of {@code keys} the grid holds, by segment index (all of one sale). A query of their
     * partitions only, not a processor: a query is a read, which goes on while split-brain protection refuses
     * writes, and it reads nothing through from the database (load a segment the grid lacks with
     * {@code IMap#loadAll} first).
     */
    public static Map<Integer, SegmentLevels> read(IMap<StockKey, StockSegment> stock, Collection<StockKey> keys) {
        Set<Object> partitions = new HashSet<>();
        keys.forEach(key -> partitions.add(key.getPartitionKey()));
        Map<Integer, SegmentLevels> levels = new HashMap<>();
        for (Indexed found : stock.project(new Project(), Predicates.multiPartitionPredicate(partitions,
                new Among(keys.toArray(StockKey[]::new))))) {
            levels.put(found.segment(), found.levels());
        }
        return levels;
    }

    /** A segment's levels with its index, as the query answers them. */
    public record Indexed(int segment, SegmentLevels levels) {
    }

    /** The levels of a segment, on its member. */
    public record Project() implements Projection<Map.Entry<StockKey, StockSegment>, Indexed> {
        @Override
        public Indexed transform(Map.Entry<StockKey, StockSegment> entry) {
            return new Indexed(entry.getKey().segment(), of(entry.getValue()));
        }
    }

    /** The segments of {@code keys}. */
    public record Among(StockKey[] keys) implements Predicate<StockKey, StockSegment> {
        @Override
        public boolean apply(Map.Entry<StockKey, StockSegment> entry) {
            return Arrays.asList(keys).contains(entry.getKey());
        }
    }
}
