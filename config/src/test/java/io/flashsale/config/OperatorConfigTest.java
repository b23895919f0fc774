package io.flashsale.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import io.flashsale.model.MapNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's hazelcast.yaml and hazelcast-client.yaml under ours: tuning passes, a conflict stops the start. */
class OperatorConfigTest {

    @TempDir
    Path dir;

    private final int port = LocalPorts.free(1)[0];
    private final GridSettings settings = GridSettings.fromEnvironment(Map.of(
            "FLASHSALE_CLUSTER_NAME", "operator-" + UUID.randomUUID(),
            "FLASHSALE_MEMBERS", "127.0.0.1:" + port, "FLASHSALE_PORT", String.valueOf(port)));

    private Config member(String yaml) throws IOException {
        Files.writeString(dir.resolve("hazelcast.yaml"), yaml);
        return MemberConfigs.create(OperatorConfig.member(Map.of(), dir), settings, Map.of(), null);
    }

    @Test
    void aMemberFileTunesThreadsAndAddsMapsWhileFlashsaleKeepsItsOwn() throws IOException {
        Config config = member("""
                hazelcast:
                  properties:
                    hazelcast.operation.thread.count: 3
                    hazelcast.io.thread.count: 1
                  map:
                    reports:
                      backup-count: 2
                """);
        assertThat(config.getProperty("hazelcast.operation.thread.count")).isEqualTo("3");
        assertThat(config.getMapConfigs().get("reports").getBackupCount()).isEqualTo(2);
        assertThat(config.getClusterName()).isEqualTo(settings.clusterName());
        assertThat(config.getMapConfig(MapNames.STOCK).getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
        assertThat(config.getProperty("hazelcast.shutdownhook.policy")).isEqualTo("GRACEFUL");
    }

    @Test
    void theShippedExamplesAreAccepted() throws IOException {
        Path deploy = Path.of("..", "deploy", "hazelcast");
        Config member = MemberConfigs.create(OperatorConfig.member(Map.of(OperatorConfig.MEMBER_FILE,
                deploy.resolve("hazelcast.yaml").toString()), dir), settings, Map.of(), null);
        assertThat(member.getProperty("hazelcast.operation.thread.count")).isEqualTo("2");
        ClientConfig client = ClientConfigs.create(OperatorConfig.client(Map.of(OperatorConfig.CLIENT_FILE,
                deploy.resolve("hazelcast-client.yaml").toString()), dir), settings, "operator-test");
        assertThat(client.getProperty("hazelcast.client.response.thread.count")).isEqualTo("2");
    }

    @Test
    void aMemberFileThatChangesWhatTheInvariantsNeedIsRefusedSayingWhat() {
        assertThatThrownBy(() -> member("""
                hazelcast:
                  cluster-name: somewhere-else
                  properties:
                    hazelcast.shutdownhook.policy: TERMINATE
                  map:
                    stock:
                      backup-count: 0
                  management-center:
                    scripting-enabled: true
                """)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster-name somewhere-else")
                .hasMessageContaining("FLASHSALE_CLUSTER_NAME")
                .hasMessageContaining("hazelcast.shutdownhook.policy=TERMINATE")
                .hasMessageContaining("map 'stock'")
                .hasMessageContaining("scripting");
    }

    @Test
    void hazelcastsOverridesApplyToTheOperatorsConfiguration() {
        // Hazelcast reads HZ_* variables and hz.* system properties alike; a property is what a test can set.
        System.setProperty("hz.map.reports.backup-count", "3");
        try {
            Config operators = OperatorConfig.member(Map.of(), dir);
            assertThat(operators.getMapConfigs().get("reports").getBackupCount()).isEqualTo(3);
            System.setProperty("hz.cluster-name", "from-an-override");
            assertThatThrownBy(() -> MemberConfigs.create(OperatorConfig.member(Map.of(), dir), settings, Map.of(),
                    null)).hasMessageContaining("cluster-name from-an-override");
        } finally {
            System.clearProperty("hz.map.reports.backup-count");
            System.clearProperty("hz.cluster-name");
        }
    }

    @Test
    void aFileNamedByTheVariableMustExist() {
        assertThatThrownBy(() -> OperatorConfig.member(Map.of(OperatorConfig.MEMBER_FILE,
                dir.resolve("missing.yaml").toString()), dir))
                .hasMessageContaining("FLASHSALE_HAZELCAST_CONFIG names").hasMessageContaining("missing.yaml");
    }

    @Test
    void aClientFileTunesTheClientAndMayNotTouchItsNearCaches() throws IOException {
        assertThat(ClientConfigs.create(OperatorConfig.client(Map.of(), dir), settings, "operator-test")
                .getClusterName()).as("no file: Hazelcast's defaults under ours").isEqualTo(settings.clusterName());
        Path file = dir.resolve("client.yaml");
        Files.writeString(file, """
                hazelcast-client:
                  properties:
                    hazelcast.client.heartbeat.interval: 3000
                """);
        ClientConfig client = ClientConfigs.create(OperatorConfig.client(Map.of(OperatorConfig.CLIENT_FILE,
                file.toString()), dir), settings, "operator-test");
        assertThat(client.getProperty("hazelcast.client.heartbeat.interval")).isEqualTo("3000");
        assertThat(client.getNearCacheConfigMap()).containsKey(MapNames.PRODUCTS);

        Files.writeString(dir.resolve("hazelcast-client.yaml"), """
                hazelcast-client:
                  near-cache:
                    products:
                      invalidate-on-change: false
                """);
        assertThatThrownBy(() -> ClientConfigs.create(OperatorConfig.client(Map.of(), dir), settings, "operator-test"))
                .hasMessageContaining("near-cache 'products'");
    }
}
