package io.flashsale.model.merge;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingEntry;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;

/**
 * The merge policy of the maps whose values are {@link Mergeable} (stock segments, buyers' claims, orders). When a
 * split brain heals, the smaller cluster's entries merge into the larger one's. Hazelcast's default ({@code
 * PutIfAbsentMergePolicy}) would keep the larger side's copy and drop what the smaller side sold: units sold there
 * would be for sale again (an oversell), and a buyer's purchases there would no longer count toward the limit.
 * This policy lets the value merge both copies instead. An entry only one side has is taken as it is.
 *
 * <p>Except when the smaller side acknowledged nothing: fewer members than split-brain protection's minimum, and no
 * more than the backup count, such as a single member (the member's split-brain watch marks it with
 * {@link #markMergingSide} when its merge starts; the mark travels with this policy to the larger side). Every
 * partition had a replica across the cut, so none of its writes was acknowledged (clients fail calls whose backups
 * do not acknowledge), and once the split was seen it refused writes. What it changed meanwhile belongs to
 * purchases that failed, so its copies are dropped: merged, they would leave those units held without an order.
 *
 * <p>Runs on the partition thread of the entry in the larger cluster; configured by class name on every member.
 */
public final class MergeCopies<V extends Mergeable<V>> implements SplitBrainMergePolicy<V, MergingEntry<Object, V>,
        Object>, HazelcastInstanceAware {

    private static final Logger log = LoggerFactory.getLogger(MergeCopies.class);
    private static final String UNACKNOWLEDGED_SIDE = "flashsale.merging-from-unacknowledged-side";

    /** The member this instance lives on (the smaller side's, where merge operations are made). */
    private transient HazelcastInstance local;
    /** True in an instance that came with a merge operation from another member; false in the member's own. */
    private boolean received;
    /** In a received instance: the copies come from a side that acknowledged nothing (see markMergingSide). */
    private boolean fromUnacknowledgedSide;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        local = instance;
    }

    @Override
    public Object merge(MergingEntry<Object, V> merging, MergingEntry<Object, V> existing) {
        // A merge operation the smaller side's member runs itself (it owns the partition) never travels, so the
        // member's own instance asks the member's mark.
        if (fromUnacknowledgedSide()) {
            return existing == null ? null : existing.getRawValue();
        }
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
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeBoolean(fromUnacknowledgedSide());
    }

    /** The mark that came with the merge operation, or, in the member's own instance, the member's mark. */
    private boolean fromUnacknowledgedSide() {
        return received ? fromUnacknowledgedSide
                : local != null && Boolean.TRUE.equals(local.getUserContext().get(UNACKNOWLEDGED_SIDE));
    }

    /**
     * Marks whether {@code member}'s side acknowledged nothing while split off; called as its merge starts, before
     * its entries are collected, and kept after it (a merge operation tried again later must say the same).
     */
    public static void markMergingSide(HazelcastInstance member, boolean acknowledgedNothing) {
        member.getUserContext().put(UNACKNOWLEDGED_SIDE, acknowledgedNothing);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        received = true;
        fromUnacknowledgedSide = in.readBoolean();
    }
}
