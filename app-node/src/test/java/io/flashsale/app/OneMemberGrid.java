package io.flashsale.app;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.config.GridSettings;
import io.flashsale.config.LocalPorts;
import io.flashsale.config.MemberConfigs;

import java.util.Map;
import java.util.UUID;

/**
 * One real member (production configuration, no map stores) for this module's tests, started once per test JVM:
 * the web rules need a grid behind them, not a database.
 */
public final class OneMemberGrid {

    private static GridSettings settings;

    private OneMemberGrid() {
    }

    public static synchronized GridSettings settings() {
        if (settings == null) {
            int port = LocalPorts.free(1)[0];
            settings = GridSettings.fromEnvironment(Map.of(
                    "FLASHSALE_CLUSTER_NAME", "app-node-test-" + UUID.randomUUID(),
                    "FLASHSALE_MEMBERS", "127.0.0.1:" + port,
                    "FLASHSALE_PORT", String.valueOf(port)));
            HazelcastInstance member = Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null));
            member.getCluster(); // started
        }
        return settings;
    }
}
