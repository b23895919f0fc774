package io.flashsale.gridnode.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.SplitBrainProtectionListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionListener;
import io.flashsale.config.MemberConfigs;
import io.flashsale.model.merge.MergeCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member around a split brain: logs when split-brain protection starts and stops refusing writes here (the
 * operator's first sign that the member is on the small side of a partition), and marks a merge that starts from a
 * side that acknowledged nothing, whose copies {@link MergeCopies} then drops.
 */
public final class SplitBrainWatch implements SplitBrainProtectionListener {

    private static final Logger log = LoggerFactory.getLogger(SplitBrainWatch.class);

    @Override
    public void onChange(SplitBrainProtectionEvent event) {
        if (event.isPresent()) {
            log.info("Split-brain protection: writes accepted again ({} members in sight, minimum {})",
                    event.getCurrentMembers().size(), event.getThreshold());
        } else {
            log.warn("Split-brain protection: writes to stock, orders and claims REFUSED here: too few members heard"
                    + " from lately (minimum {}, members listed {}); this member is on the small side of a partition"
                    + " or most of the cluster is gone", event.getThreshold(), event.getCurrentMembers().size());
        }
    }

    /** {@code config} with this watch listening to its split-brain protection, if it has one. */
    public static Config listeningTo(Config config) {
        SplitBrainProtectionConfig protection = config.getSplitBrainProtectionConfigs()
                .get(MemberConfigs.SPLIT_BRAIN_PROTECTION);
        if (protection != null) {
            protection.addListenerConfig(new SplitBrainProtectionListenerConfig(new SplitBrainWatch()));
        }
        return config;
    }

    /**
     * Starts marking this member's merges (see {@link #onLifecycle}); {@code minMembers} and {@code backupCount} as
     * configured.
     */
    public static void watchMerges(HazelcastInstance member, int minMembers, int backupCount) {
        member.getLifecycleService().addLifecycleListener(event -> onLifecycle(member, minMembers, backupCount,
                event));
    }

    /** Whether a side of {@code sideSize} members acknowledged nothing while split off (see {@link #onLifecycle}). */
    static boolean acknowledgesNothing(int sideSize, int minMembers, int backupCount) {
        return sideSize < minMembers && sideSize <= backupCount;
    }

    /**
     * Marks, when this member starts merging into another cluster, whether its side acknowledged nothing since the
     * split: it is smaller than the split-brain protection's minimum, which refused its writes once the split was
     * seen, and no larger than the backup count, so before that every partition had a replica across the cut whose
     * acknowledgement never came (a lone member, or a pair with two backups). Called on the merging thread before its
     * entries are collected.
     */
    private static void onLifecycle(HazelcastInstance member, int minMembers, int backupCount, LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
            int side = member.getCluster().getMembers().size();
            boolean unacknowledged = acknowledgesNothing(side, minMembers, backupCount);
            MergeCopies.markMergingSide(member, unacknowledged);
            log.warn("Merging into the larger cluster; this side's stock and claims changes are {}", unacknowledged
                    ? "dropped (" + side + " of them, under split-brain protection, holding no partition whole:"
                    + " none was acknowledged)"
                    : "merged with the other side's");
        }
    }

    /** False while split-brain protection refuses writes on this member; true when none is configured. */
    public static boolean acceptsWrites(HazelcastInstance member) {
        try {
            return member.getSplitBrainProtectionService()
                    .getSplitBrainProtection(MemberConfigs.SPLIT_BRAIN_PROTECTION).hasMinimumSize();
        } catch (IllegalArgumentException notConfigured) {
            return true; // FLASHSALE_MIN_MEMBERS=1
        }
    }

}
