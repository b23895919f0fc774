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
        for (int[] found : stock.project(new Project(), Predicates.multiPartitionPredicate(partitions,
                new Among(keys.toArray(StockKey[]::new))))) {
            levels.put(found[0], new SegmentLevels(found[1], found[2], found[3], found[4]));
        }
        return levels;
    }

    /**
     * The levels of a segment, on its member: segment index, remaining, sold, cursor, return cursor. An {@code int[]}
     * rather than a record of ours: the query answers on a generic operation thread, and the first value of a new
     * Compact type a member serializes waits for its schema to reach the other members, on their generic threads,
     * which the same query may hold (ChaosIT saw all three members' generic threads stuck so for two minutes).
     */
    public record Project() implements Projection<Map.Entry<StockKey, StockSegment>, int[]> {
        @Override
        public int[] transform(Map.Entry<StockKey, StockSegment> entry) {
            StockSegment segment = entry.getValue();
            return new int[] {entry.getKey().segment(), segment.remaining(), segment.sold(), segment.cursor(),
                segment.returnCursor()};
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
