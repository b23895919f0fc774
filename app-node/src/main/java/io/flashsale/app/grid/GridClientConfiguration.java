package io.flashsale.app.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.config.ClientConfigs;
import io.flashsale.config.OperatorConfig;
import io.flashsale.config.GridSettings;
import io.flashsale.model.MapNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The app node's Hazelcast client: {@link ClientConfigs} on top of the operator's {@code hazelcast-client.yaml} and
 * {@code HZCLIENT_*} variables, if any ({@link OperatorConfig}).
 */
@Configuration(proxyBeanMethods = false)
class GridClientConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GridClientConfiguration.class);
    private static final int PROXY_ATTEMPTS = 30;

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastClient(FlashSaleProperties properties) {
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", properties.clusterName(),
                "FLASHSALE_MEMBERS", properties.members()));
        // Unique name: several app nodes may share a JVM (local run, tests).
        String name = "app-node-" + UUID.randomUUID().toString().substring(0, 8);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(ClientConfigs.create(
                OperatorConfig.client(System.getenv(), Path.of("")), settings, name));
        try {
            createMapProxies(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
        return client;
    }

    /**
     * Creates the maps' proxies before anything uses them, trying again while the grid fails in passing. Creating
     * the orders map's proxy adds its indexes on every partition, a write that fails (indeterminate: a backup did
     * not acknowledge) while members that just joined take over their partitions. Adding an index again is
     * harmless.
     */
    private static void createMapProxies(HazelcastInstance client) {
        for (String map : List.of(MapNames.PRODUCTS, MapNames.SALES, MapNames.STOCK, MapNames.ORDERS,
                MapNames.IDEMPOTENCY_KEYS, MapNames.CARTS, MapNames.RATE_LIMITS)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.getMap(map);
                    break;
                } catch (HazelcastException e) {
                    if (attempt == PROXY_ATTEMPTS) {
                        throw e;
                    }
                    log.warn("Creating the proxy of map {} failed (attempt {} of {}); trying again in a second", map,
                            attempt, PROXY_ATTEMPTS, e);
                    LockSupport.parkNanos(1_000_000_000L);
                }
            }
        }
    }
}
