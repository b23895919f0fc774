package io.flashsale.config;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import io.flashsale.model.MapNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Write-behind under split-brain protection: a member that cannot see its quorum writes nothing to the database,
 * and writes what it holds once it can. A member alone in a cluster of at least two is such a member.
 */
class QuorumGatedStoreIT {

    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void aMemberWithoutItsQuorumWritesNothingUntilItHasIt() throws Exception {
        int[] ports = LocalPorts.free(2);
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", "gated-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1],
                "FLASHSALE_PORT", String.valueOf(ports[0]),
                "FLASHSALE_MIN_MEMBERS", "2"));
        Table table = new Table();
        HazelcastInstance alone = Hazelcast.newHazelcastInstance(
                MemberConfigs.create(settings, Map.of(MapNames.CARTS, table), null));
        members.add(alone);

        alone.getMap(MapNames.CARTS).set("cart-1", "two apples");
        Thread.sleep((MemberConfigs.GATED_WRITE_DELAY_SECONDS + 3) * 1_000L);

        assertThat(table.rows).as("due, but refused while the member is alone").isEmpty();

        members.add(Hazelcast.newHazelcastInstance(
                MemberConfigs.create(settings.withPort(ports[1]), Map.of(MapNames.CARTS, table), null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(table.rows).as("written once it sees its quorum").containsEntry("cart-1", "two apples"));
    }

    /** A table in memory: what the members wrote. */
    static final class Table implements MapStore<String, String> {
        final Map<String, String> rows = new ConcurrentHashMap<>();

        @Override
        public void store(String key, String value) {
            rows.put(key, value);
        }

        @Override
        public void storeAll(Map<String, String> map) {
            rows.putAll(map);
        }

        @Override
        public void delete(String key) {
            rows.remove(key);
        }

        @Override
        public void deleteAll(Collection<String> keys) {
            keys.forEach(rows::remove);
        }

        @Override
        public String load(String key) {
            return rows.get(key);
        }

        @Override
        public Map<String, String> loadAll(Collection<String> keys) {
            Map<String, String> found = new ConcurrentHashMap<>();
            keys.forEach(k -> {
                if (rows.containsKey(k)) {
                    found.put(k, rows.get(k));
                }
            });
            return found;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return null;
        }
    }
}
