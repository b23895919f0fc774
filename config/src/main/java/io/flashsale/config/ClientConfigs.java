package io.flashsale.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import io.flashsale.model.MapNames;

/** The configuration of an app node's Hazelcast client. */
public final class ClientConfigs {

    /** Seconds a grid call may take before the client gives up on it; request threads must not hang on the grid. */
    public static final int INVOCATION_TIMEOUT_SECONDS = 10;
    /** Entries per near cache; products and sales are few, this only bounds an attacker's unknown ids. */
    public static final int NEAR_CACHE_ENTRIES = 10_000;

    private ClientConfigs() {
    }

    public static ClientConfig create(GridSettings settings, String instanceName) {
        return build(new ClientConfig(), settings, instanceName);
    }

    /**
     * The same on top of the operator's configuration ({@link OperatorConfig#client}): its tuning stays, and a
     * setting of it that this one decides stops the start.
     */
    public static ClientConfig create(ClientConfig operators, GridSettings settings, String instanceName) {
        OperatorConfig.refuseConflicts(operators, build(new ClientConfig(), settings, instanceName));
        return build(operators, settings, instanceName);
    }

    private static ClientConfig build(ClientConfig client, GridSettings settings, String instanceName) {
        client.setClusterName(settings.clusterName());
        client.setInstanceName(instanceName);
        client.setProperty("hazelcast.logging.type", "slf4j");
        client.setProperty("hazelcast.client.invocation.timeout.seconds", String.valueOf(INVOCATION_TIMEOUT_SECONDS));
        // Backups acknowledge to the client directly. By default a call whose backup never acknowledges (the
        // backup's member cut off, paused or dead) still succeeds after 5 s: a purchase would then be answered for
        // units that only one replica holds, which a failover or split-brain merge forgets (docs/decisions).
        // Failing the call instead lets the purchase path retry or answer 503.
        client.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
        client.getNetworkConfig().setAddresses(settings.members());
        // Every mutating call on the purchase path is idempotent (request ids in the stock journal and in the
        // claims, new ids for orders), so the client may resend a call whose connection broke.
        client.getNetworkConfig().setRedoOperation(true);
        // Cut off from the grid, the client reconnects in the background and fails calls at once meanwhile
        // (HazelcastClientOfflineException) instead of holding request threads until the invocation timeout:
        // the app node answers 503 quickly and its circuit breaker opens.
        client.getConnectionStrategyConfig().setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
        GridSerialization.register(client.getSerializationConfig());

        // L1: products and sales, read by every buyer, change rarely. Members send an invalidation on every change
        // (unbatched, see MemberConfigs). Stock is never near-cached: it changes on every purchase.
        client.addNearCacheConfig(nearCache(MapNames.PRODUCTS));
        client.addNearCacheConfig(nearCache(MapNames.SALES));
        return client;
    }

    private static NearCacheConfig nearCache(String map) {
        return new NearCacheConfig(map)
                .setInMemoryFormat(InMemoryFormat.OBJECT) // records are immutable: handing out the instance is safe
                .setInvalidateOnChange(true)
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                        .setSize(NEAR_CACHE_ENTRIES));
    }
}
