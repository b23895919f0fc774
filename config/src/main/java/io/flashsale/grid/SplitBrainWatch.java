package io.flashsale.grid;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when split-brain protection starts and stops refusing writes on this member: the operator's first sign that
 * the member is on the small side of a partition (configured in {@link MemberConfigs}).
 */
final class SplitBrainWatch implements SplitBrainProtectionListener {

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
}
