package io.flashsale.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingEntry;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The merge policy of the maps whose values are {@link Mergeable} (stock segments, buyers' claims). When a split
 * brain heals, the smaller cluster's entries merge into the larger one's. Hazelcast's default ({@code
 * PutIfAbsentMergePolicy}) would keep the larger side's copy and drop what the smaller side sold: units sold there
 * would be for sale again (an oversell), and a buyer's purchases there would no longer count toward the limit.
 * This policy lets the value merge both copies instead. An entry only one side has is taken as it is.
 *
 * <p>Runs on the partition thread of the entry in the larger cluster; configured by class name on every member.
 */
public final class MergeCopies<V extends Mergeable<V>> implements SplitBrainMergePolicy<V, MergingEntry<Object, V>,
        Object> {

    private static final Logger log = LoggerFactory.getLogger(MergeCopies.class);

    @Override
    public Object merge(MergingEntry<Object, V> merging, MergingEntry<Object, V> existing) {
        if (existing == null || existing.getValue() == null) {
            return merging.getRawValue();
        }
        V ours = existing.getValue();
        V theirs = merging.getValue();
        if (theirs == null) {
            return existing.getRawValue();
        }
        V merged = ours.mergedWith(theirs);
        if (!Objects.equals(merged, ours)) {
            log.warn("Split brain healed: {} merged from {} (this side) and {} (the other side) into {}",
                    merging.getKey(), ours, theirs, merged);
        }
        return merged;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // stateless
    }

    @Override
    public void readData(ObjectDataInput in) {
        // stateless
    }
}
