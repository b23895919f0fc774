package io.flashsale.app.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.grid.ClientConfigs;
import io.flashsale.grid.GridSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.UUID;

/** The app node's Hazelcast client; all of its configuration comes from {@link ClientConfigs}. */
@Configuration(proxyBeanMethods = false)
class GridClientConfiguration {

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastClient(FlashSaleProperties properties) {
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", properties.clusterName(),
                "FLASHSALE_MEMBERS", properties.members()));
        // Unique name: several app nodes may share a JVM (local run, tests).
        String name = "app-node-" + UUID.randomUUID().toString().substring(0, 8);
        return HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, name));
    }
}
