package io.flashsale.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/**
 * The write-behind store of a member under split-brain protection: it writes nothing while the member cannot see its
 * quorum. A member cut off from the rest goes on changing its replicas until it notices (up to
 * {@link MemberConfigs#SPLIT_BRAIN_DETECTION_MILLIS}); none of those changes was acknowledged (their backups are
 * across the cut), the healed cluster drops them, and MySQL must not keep them either: an order written from there
 * would hold a unit the grid sold again, or put its buyer over the limit. So the write delay is longer than the
 * detection ({@link MemberConfigs#GATED_WRITE_DELAY_SECONDS}), and by the time such a write is due the member knows
 * it is alone: the store refuses it, Hazelcast keeps it queued and tries again, and the merge drops the queue with
 * the member's data. A member that only lost sight of the others for a moment writes the queue once it sees them.
 */
final class QuorumGatedStore<K, V> implements MapStore<K, V>, MapLoaderLifecycleSupport {

    private final MapStore<K, V> store;
    private volatile @Nullable HazelcastInstance member;

    QuorumGatedStore(MapStore<K, V> store) {
        this.store = store;
    }

    /** The member cannot see its quorum: what it would write may be what the healed cluster drops. */
    static final class NoQuorum extends IllegalStateException {
        NoQuorum() {
            super("this member cannot see a majority of the cluster; its writes wait until it can");
        }
    }

    @Override
    public void init(HazelcastInstance hazelcastInstance, Properties properties, String mapName) {
        member = hazelcastInstance;
        if (store instanceof MapLoaderLifecycleSupport lifecycle) {
            lifecycle.init(hazelcastInstance, properties, mapName);
        }
    }

    @Override
    public void destroy() {
        if (store instanceof MapLoaderLifecycleSupport lifecycle) {
            lifecycle.destroy();
        }
    }

    private void requireQuorum() {
        HazelcastInstance on = member;
        if (on != null && !on.getSplitBrainProtectionService()
                .getSplitBrainProtection(MemberConfigs.SPLIT_BRAIN_PROTECTION).hasMinimumSize()) {
            throw new NoQuorum();
        }
    }

    @Override
    public void store(K key, V value) {
        requireQuorum();
        store.store(key, value);
    }

    @Override
    public void storeAll(Map<K, V> map) {
        requireQuorum();
        store.storeAll(map);
    }

    @Override
    public void delete(K key) {
        requireQuorum();
        store.delete(key);
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        requireQuorum();
        store.deleteAll(keys);
    }

    @Override
    public @Nullable V load(K key) {
        return store.load(key);
    }

    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        return store.loadAll(keys);
    }

    @Override
    public @Nullable Iterable<K> loadAllKeys() {
        return store.loadAllKeys();
    }
}
