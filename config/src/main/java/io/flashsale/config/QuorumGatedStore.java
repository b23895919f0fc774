package io.flashsale.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The write-behind store of a member under split-brain protection: it writes nothing while the member cannot see its
 * quorum. A member cut off from the rest goes on changing its replicas until it notices (up to
 * {@link MemberConfigs#SPLIT_BRAIN_DETECTION_MILLIS}); none of those changes was acknowledged (their backups are
 * across the cut), the healed cluster drops them, and MySQL must not keep them either: an order written from there
 * would hold a unit the grid sold again, or put its buyer over the limit. So the write delay is longer than the
 * detection ({@link MemberConfigs#GATED_WRITE_DELAY_SECONDS}), and by the time such a write is due the member knows
 * it is alone: the store waits (it holds the member's write-behind thread, which has nothing it may do meanwhile).
 * If the member then merges into the larger cluster, its data goes, and so do the writes it held: they are dropped,
 * not written. (Refusing them instead, so that Hazelcast queued them again, let a batch that Hazelcast had taken out
 * of the queue come back after the merge had emptied it, and be written once the member saw its quorum in the
 * merged cluster: NetworkPartitionIT found an order the grid did not have.) A member that only lost sight of the
 * others for a moment, without a merge, writes what it held once it sees them.
 */
final class QuorumGatedStore<K, V> implements MapStore<K, V>, MapLoaderLifecycleSupport {

    private static final long QUORUM_POLL_NANOS = 100_000_000L;

    private final MapStore<K, V> store;
    private volatile @Nullable HazelcastInstance member;
    /** Merges this member made into another cluster (each drops its data). */
    private final AtomicLong merges = new AtomicLong();
    /** Set as the member starts to shut down: its last flush must not wait for a quorum that may never come. */
    private volatile boolean stopping;

    QuorumGatedStore(MapStore<K, V> store) {
        this.store = store;
    }

    /** The member stopped while it could not see its quorum. */
    static final class NoQuorum extends IllegalStateException {
        NoQuorum() {
            super("this member stopped before it could see a majority of the cluster; its writes stay queued");
        }
    }

    @Override
    public void init(HazelcastInstance hazelcastInstance, Properties properties, String mapName) {
        member = hazelcastInstance;
        hazelcastInstance.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
                merges.incrementAndGet();
            } else if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                stopping = true;
            }
        });
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

    /**
     * Waits while the member cannot see its quorum. False when it merged into another cluster meanwhile: what it was
     * about to write is the dropped side's.
     */
    private boolean awaitQuorum() {
        HazelcastInstance on = member;
        if (on == null) {
            return true;
        }
        long mergesBefore = merges.get();
        while (!on.getSplitBrainProtectionService().getSplitBrainProtection(MemberConfigs.SPLIT_BRAIN_PROTECTION)
                .hasMinimumSize()) {
            if (stopping || !on.getLifecycleService().isRunning() || Thread.currentThread().isInterrupted()) {
                throw new NoQuorum(); // a minority's writes are not the database's to keep
            }
            LockSupport.parkNanos(QUORUM_POLL_NANOS);
        }
        return merges.get() == mergesBefore;
    }

    @Override
    public void store(K key, V value) {
        if (awaitQuorum()) {
            store.store(key, value);
        }
    }

    @Override
    public void storeAll(Map<K, V> map) {
        if (awaitQuorum()) {
            store.storeAll(map);
        }
    }

    @Override
    public void delete(K key) {
        if (awaitQuorum()) {
            store.delete(key);
        }
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        if (awaitQuorum()) {
            store.deleteAll(keys);
        }
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
