package io.flashsale.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.flashsale.config.ClientConfigs;
import io.flashsale.config.GridSettings;
import io.flashsale.config.MemberConfigs;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.OutboxMover;
import io.flashsale.purchase.GridCallListener;
import io.flashsale.purchase.PurchaseFlow;
import io.flashsale.purchase.PurchaseRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Grid heap per accepted order: runs {@code --orders N} purchases through {@link PurchaseFlow} on two members
 * (production member config, no map stores) and reads the members' own accounting of entry memory
 * ({@code LocalMapStats.getOwnedEntryMemoryCost} and {@code getBackupEntryMemoryCost}) for the orders and claims
 * maps, then the stock map. Entries stay in the grid after write-behind has stored them (there is no eviction), so
 * the figure holds before and after the write. Also the growth of the (shared) JVM heap after a full GC, which
 * counts everything a purchase leaves in the grid: order, claim, both copies, the index on the sale id.
 *
 * <pre>
 * java -cp bench/target/bench.jar io.flashsale.bench.MemoryFootprint --orders 100000
 * </pre>
 */
public final class MemoryFootprint {

    private MemoryFootprint() {
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    public static void main(String[] args) {
        int orders = Integer.parseInt(Options.parse(args).getOrDefault("orders", "100000"));
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", "memory-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:5795,127.0.0.1:5796", "FLASHSALE_PORT", "5795"));
        List<HazelcastInstance> members = new ArrayList<>();
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(5796), Map.of(), null)));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, "memory"));
        try {
            long now = System.currentTimeMillis();
            Sale sale = new Sale("memory", "p", orders, 10, 1, now - 1_000, now + 3_600_000);
            client.<Object, Object>getMap(MapNames.STOCK).putAll(sale.initialSegments());
            PurchaseFlow flow = new PurchaseFlow(client, GridCallListener.NONE);
            long heapBefore = usedHeapAfterGc();
            for (int i = 0; i < orders; i++) {
                flow.purchase(new PurchaseRequest(sale, "user-" + i, 1, null));
            }
            members.forEach(member -> OutboxMover.of(member).moveAll(member)); // every order in the orders map
            long heapAfter = usedHeapAfterGc();
            System.out.printf("heap of both members grew by %,d bytes: %,.0f per accepted order, all maps, both "
                    + "copies, indexes included%n", heapAfter - heapBefore, (double) (heapAfter - heapBefore) / orders);
            for (String map : List.of(MapNames.ORDERS, MapNames.STOCK)) {
                long owned = 0;
                long backup = 0;
                long entries = 0;
                for (HazelcastInstance member : members) {
                    LocalMapStats stats = member.getMap(map).getLocalMapStats();
                    owned += stats.getOwnedEntryMemoryCost();
                    backup += stats.getBackupEntryMemoryCost();
                    entries += stats.getOwnedEntryCount();
                }
                System.out.printf("%-8s %,9d entries: primary %,13d bytes (%,7.0f per entry), backup %,13d bytes "
                        + "(%,7.0f per entry)%n", map, entries, owned, (double) owned / Math.max(1, entries), backup,
                        (double) backup / Math.max(1, entries));
            }
            IMap<Object, Object> orderMap = client.getMap(MapNames.ORDERS);
            System.out.printf("orders in the grid: %,d%n", orderMap.size());
        } finally {
            client.shutdown();
            members.forEach(HazelcastInstance::shutdown);
        }
        System.exit(0);
    }
}
