package io.flashsale.config;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.map.MapStore;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.flashsale.model.MapNames;
import io.flashsale.model.merge.MergeCopies;
import io.flashsale.model.task.GridDatabase;
import io.flashsale.model.task.MemberTask;
import io.flashsale.model.task.MoveOutboxes;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * The configuration of a grid member, every choice in one place. The map stores come from outside (module
 * {@code mapstore}), so that this module stays free of JDBC and tests can run members without a database.
 */
public final class MemberConfigs {

    /**
     * Write-behind delay. Orders and stock reach MySQL within about this long; a longer delay would batch more per
     * {@code storeAll}, a shorter one would lose batching. One second is Hazelcast's smallest unit.
     */
    public static final int WRITE_DELAY_SECONDS = 1;
    /** Entries per {@code storeAll} call (default 1, which would be one statement per entry). */
    public static final int WRITE_BATCH_SIZE = 1_000;

    /** Name of the split-brain protection of stock and orders (when FLASHSALE_MIN_MEMBERS > 1). */
    public static final String SPLIT_BRAIN_PROTECTION = "write-majority";

    /**
     * How long a member may go without hearing from another before split-brain protection stops counting it:
     * three missed heartbeats (one a second). About how long a minority side goes on selling after a partition.
     */
    public static final int SPLIT_BRAIN_DETECTION_MILLIS = 3_000;

    /**
     * The write delay under split-brain protection: longer than {@link #SPLIT_BRAIN_DETECTION_MILLIS} with a margin
     * (a member was seen to notice after 4.0 s), so that a member cut off knows it before its writes of that time are due (see
     * {@link QuorumGatedStore}).
     */
    public static final int GATED_WRITE_DELAY_SECONDS = SPLIT_BRAIN_DETECTION_MILLIS / 1000 + 3;

    /** Unknown ids a member remembers at most. */
    public static final int KNOWN_MISSING_PER_MEMBER = 100_000;

    /** How long an Idempotency-Key is remembered. */
    public static final int IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600;
    /** How long an unused payment reference stays in memory; the orders table has it after that. */
    static final int PAYMENT_REF_IDLE_SECONDS = 3600;

    private MemberConfigs() {
    }

    /**
     * A member configuration.
     *
     * @param settings cluster name, addresses, port
     * @param stores   MapStore (or MapLoader) implementation per map name; maps without one live in the grid only
     * @param database the database for member tasks, or {@code null} when there is none
     */
    public static Config create(GridSettings settings, Map<String, Object> stores,
                                @Nullable GridDatabase database) {
        return build(new Config(), settings, stores, database);
    }

    /**
     * The same on top of the operator's configuration ({@link OperatorConfig#member}): its tuning stays, and a
     * setting of it that this one decides (see {@link OperatorConfig}) stops the start.
     */
    public static Config create(Config operators, GridSettings settings, Map<String, Object> stores,
                                @Nullable GridDatabase database) {
        OperatorConfig.refuseConflicts(operators, build(new Config(), settings, stores, database));
        return build(operators, settings, stores, database);
    }

    private static Config build(Config config, GridSettings settings, Map<String, Object> stores,
                                @Nullable GridDatabase database) {
        config.setClusterName(settings.clusterName());
        config.setInstanceName("flashsale-member-" + settings.port());

        // Hazelcast's own telemetry and the indeterminate-state default are wrong for a system of record.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // A backup that does not acknowledge makes the call fail instead of reporting a success that may be lost.
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        // Batched near-cache invalidations were seen arriving ~10 s late; an admin change must show within 1 s.
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        // A paused or cut-off member is declared dead after 15 s instead of 60 s, so its partitions move sooner.
        // Heartbeats every second (instead of 5 s) let the split-brain protection below see a missing member
        // within SPLIT_BRAIN_DETECTION_MILLIS.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        // After a split brain the sides look for each other and merge 30 s after a member starts, then every 10 s
        // (instead of 300 s and 120 s): a flash sale lasts minutes, its orders should not wait that long.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "30");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        // SIGTERM (and Ctrl-C) leaves gracefully: partitions migrate and write-behind queues are flushed.
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        if (settings.bindInterface() != null) {
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
        }
        network.getRestApiConfig().setEnabled(false);
        network.getMemcacheProtocolConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());

        // Hazelcast's own metrics: over JMX, and to Management Center, which connects like a client with the
        // cluster name. What Management Center may do on a member: read entries, nothing more (no scripts, no
        // console commands, which would reach around the EntryProcessors that keep stock exact).
        config.getMetricsConfig().setEnabled(true);
        config.getMetricsConfig().getJmxConfig().setEnabled(true);
        config.getMetricsConfig().getManagementCenterConfig().setEnabled(true);
        config.getManagementCenterConfig().setScriptingEnabled(false).setConsoleEnabled(false)
                .setDataAccessEnabled(true);
        GridSerialization.register(config.getSerializationConfig());
        // Java deserialization only of what we and Hazelcast send: Hazelcast's defaults (java.*, com.hazelcast.*,
        // primitive arrays, known gadget classes refused) plus our classes and Bucket4j's. A client that can reach
        // the member port cannot make a member instantiate arbitrary classes.
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setWhitelist(new ClassFilter().addPrefixes("io.flashsale.", "io.github.bucket4j.")));
        config.getExecutorConfig(MemberTask.EXECUTOR).setPoolSize(4);
        // Orders asked for before their segment's outbox was moved: quick tasks, a bounded queue (a flood of
        // unknown order ids is refused, not queued without end).
        config.getExecutorConfig(MoveOutboxes.EXECUTOR).setPoolSize(2).setQueueCapacity(10_000);

        // Products and sales: read-mostly, near-cached by clients; written through, so the database has an admin
        // change when the call returns.
        config.addMapConfig(withStore(new MapConfig(MapNames.PRODUCTS).setBackupCount(settings.backupCount()),
                stores.get(MapNames.PRODUCTS), false, settings));
        config.addMapConfig(withStore(new MapConfig(MapNames.SALES).setBackupCount(settings.backupCount()),
                stores.get(MapNames.SALES), false, settings));
        // Split-brain protection: a member that has heard from fewer than minMembers members (itself included)
        // in the last SPLIT_BRAIN_DETECTION_MILLIS (it is on the minority side of a partition, or most of the
        // cluster is gone) refuses writes to stock (claims included) and orders; purchases then get 503. Reads
        // (products, sales, stock levels) go on. "Recently active" rather than the member list, which changes only when a
        // member is declared dead (15 s): the minority stops selling within seconds. Off with 1.
        String protection = null;
        if (settings.minMembers() > 1) {
            protection = SPLIT_BRAIN_PROTECTION;
            config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig
                    .newRecentlyActiveSplitBrainProtectionConfigBuilder(protection, settings.minMembers(),
                            SPLIT_BRAIN_DETECTION_MILLIS)
                    .enabled(true).build().setProtectOn(SplitBrainProtectionOn.WRITE));
        }
        // What the smaller side of a healed split brain did to stock (and claims) is merged, not dropped, unless that
        // side was one member that could acknowledge nothing (see MergeCopies); orders and carts keep Hazelcast's
        // default (an entry only one side has joins the other).
        MergePolicyConfig mergeCopies = new MergePolicyConfig(MergeCopies.class.getName(),
                MergePolicyConfig.DEFAULT_BATCH_SIZE);

        // Synchronous backups of what must survive a member: FLASHSALE_BACKUP_COUNT, 1 by default (enough for three
        // members; larger clusters need more, see GridSettings.splitBrainRisks).
        // Stock: the hot path, and the buyers' claims (in their home segments; grid-only, rebuilt from orders on
        // warm-up). OBJECT format so EntryProcessors work on the object without (de)serializing it; a backup re-runs
        // the same EntryProcessor. Never evicted: a segment's pending write must not be re-read
        // from the database.
        config.addMapConfig(withStore(new MapConfig(MapNames.STOCK).setBackupCount(settings.backupCount())
                .setInMemoryFormat(InMemoryFormat.OBJECT).setSplitBrainProtectionName(protection)
                .setMergePolicyConfig(mergeCopies), stores.get(MapNames.STOCK), true, settings));
        // Orders: backed up synchronously, so an accepted order survives its owner's death (a backup also holds
        // the write-behind queue). No index: any index cost every accepted purchase about 30% of its throughput
        // (docs/BENCHMARKS.md), so the expiry sweep finds due orders in MySQL's index and the audit scans.
        // Merged like stock: a side that acknowledged nothing has its orders dropped (see Order.mergedWith).
        config.addMapConfig(withStore(new MapConfig(MapNames.ORDERS).setBackupCount(settings.backupCount())
                        .setSplitBrainProtectionName(protection).setMergePolicyConfig(mergeCopies),
                stores.get(MapNames.ORDERS), true, settings));
        // Carts: backed up synchronously, written behind; read through (a persisted cart comes back after a
        // restart). Never near-cached: every app node reads the cart as the grid holds it (read-your-writes).
        config.addMapConfig(withStore(new MapConfig(MapNames.CARTS).setBackupCount(settings.backupCount()),
                stores.get(MapNames.CARTS), true, settings));
        // Payment references: which order each paid. Read through from the orders table, whose payment_ref column
        // is where a reference is recorded (with its order's write-behind), so an entry can be forgotten after an
        // hour unused and comes back from the database when asked for again.
        config.addMapConfig(withStore(new MapConfig(MapNames.PAYMENT_REFS).setBackupCount(settings.backupCount())
                .setSplitBrainProtectionName(protection).setMaxIdleSeconds(PAYMENT_REF_IDLE_SECONDS),
                stores.get(MapNames.PAYMENT_REFS), false, settings));
        config.addMapConfig(new MapConfig(MapNames.IDEMPOTENCY_KEYS).setBackupCount(settings.backupCount())
                .setTimeToLiveSeconds(IDEMPOTENCY_KEY_TTL_SECONDS));
        // Unknown product and sale ids (see mapstore's KnownMissing): forgotten after a while, and at most
        // KNOWN_MISSING_PER_MEMBER per member (least recently used go first), whatever ids an attacker sends.
        config.addMapConfig(new MapConfig(MapNames.KNOWN_MISSING).setBackupCount(0)
                .setTimeToLiveSeconds(settings.negativeCacheSeconds())
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(KNOWN_MISSING_PER_MEMBER)));
        // Rate-limit buckets: grid-only and cheap to lose. An asynchronous backup keeps the limiter a single
        // operation per batch of requests; when a member dies the backup may be a few refills behind, which lets a
        // few requests more through once, never fewer.
        config.addMapConfig(new MapConfig(MapNames.RATE_LIMITS).setBackupCount(0).setAsyncBackupCount(1));

        if (database != null) {
            config.getUserContext().put(GridDatabase.USER_CONTEXT_KEY, database);
        }
        return config;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MapConfig withStore(MapConfig map, Object store, boolean writeBehind, GridSettings settings) {
        if (store == null) {
            return map;
        }
        MapStoreConfig storeConfig = new MapStoreConfig()
                .setEnabled(true)
                .setImplementation(store)
                // Nothing is preloaded at start: warm-up is explicit (admin API), reads go through on a miss.
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
        if (writeBehind) {
            // Coalescing keeps only the newest value of a key in the queue and is what makes Hazelcast hand
            // batches to storeAll (without it every update is a single store()). Stores are upserts, so writing
            // an entry again after a failover is harmless. Under split-brain protection a member writes only while
            // it sees its quorum, after a delay longer than it takes to notice it does not (QuorumGatedStore).
            boolean gated = settings.minMembers() > 1 && store instanceof MapStore;
            storeConfig.setImplementation(gated ? new QuorumGatedStore<>((MapStore) store) : store)
                    .setWriteDelaySeconds(gated ? GATED_WRITE_DELAY_SECONDS : WRITE_DELAY_SECONDS)
                    .setWriteBatchSize(WRITE_BATCH_SIZE)
                    .setWriteCoalescing(true);
        } else {
            storeConfig.setWriteDelaySeconds(0);
        }
        return map.setMapStoreConfig(storeConfig);
    }
}
