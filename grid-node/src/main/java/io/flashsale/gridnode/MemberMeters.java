package io.flashsale.gridnode;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.gridnode.cluster.SplitBrainWatch;
import io.flashsale.model.MapNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

import java.util.List;

/**
 * A member's own meters, next to its pool's ({@code hikaricp_*}): entries it owns and entries waiting for
 * write-behind per map, cluster size, JVM. Hazelcast's full set of metrics is on JMX and in Management Center.
 */
final class MemberMeters {

    private static final List<String> MAPS = List.of(MapNames.PRODUCTS, MapNames.SALES, MapNames.STOCK,
            MapNames.ORDERS, MapNames.IDEMPOTENCY_KEYS, MapNames.CARTS);

    private MemberMeters() {
    }

    static void bind(MeterRegistry meters, HazelcastInstance hazelcast, int minMembers) {
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        Gauge.builder("flashsale.member.cluster.size", hazelcast, h -> running(h)
                        ? h.getCluster().getMembers().size() : 0)
                .description("Members this member sees in its cluster").register(meters);
        // So that an alert can compare the cluster's size with what it must not fall below.
        Gauge.builder("flashsale.member.min.members", () -> minMembers)
                .description("FLASHSALE_MIN_MEMBERS: below this many, split-brain protection refuses writes")
                .register(meters);
        Gauge.builder("flashsale.member.writes.accepted", hazelcast, h -> running(h)
                        && SplitBrainWatch.acceptsWrites(h) ? 1 : 0)
                .description("1 while this member takes stock and order writes, 0 while split-brain protection"
                        + " refuses them (too few members heard from lately)").register(meters);
        for (String map : MAPS) {
            Gauge.builder("flashsale.member.map.entries", hazelcast, h -> running(h)
                            ? h.getMap(map).getLocalMapStats().getOwnedEntryCount() : 0)
                    .description("Entries this member owns (primaries)").tag("map", map).register(meters);
            Gauge.builder("flashsale.member.map.pending", hazelcast, h -> running(h)
                            ? h.getMap(map).getLocalMapStats().getDirtyEntryCount() : 0)
                    .description("Owned entries changed but not yet written behind").tag("map", map)
                    .register(meters);
        }
    }

    private static boolean running(HazelcastInstance hazelcast) {
        return hazelcast.getLifecycleService().isRunning();
    }
}
