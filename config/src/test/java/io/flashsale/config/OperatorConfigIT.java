package io.flashsale.config;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A member runs on the shipped deploy/hazelcast/hazelcast.yaml under flashsale's settings. */
class OperatorConfigIT {

    @Test
    void aMemberStartsOnTheShippedExampleWithItsThreadCounts() {
        int port = LocalPorts.free(1)[0];
        GridSettings settings = GridSettings.fromEnvironment(Map.of("FLASHSALE_CLUSTER_NAME", "operator-"
                + UUID.randomUUID(), "FLASHSALE_MEMBERS", "127.0.0.1:" + port, "FLASHSALE_PORT", String.valueOf(port)));
        Config config = MemberConfigs.create(OperatorConfig.member(Map.of(OperatorConfig.MEMBER_FILE,
                Path.of("..", "deploy", "hazelcast", "hazelcast.yaml").toString()), Path.of(".")), settings,
                Map.of(), null);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            assertThat(member.getConfig().getProperty("hazelcast.operation.thread.count")).isEqualTo("2");
            assertThat(member.getConfig().getMapConfig("reports").getTimeToLiveSeconds()).isEqualTo(3600);
            assertThat(member.getCluster().getLocalMember().getAddress().getPort()).isEqualTo(port);
            member.getMap("reports").put("k", "v");
            assertThat(member.getMap("reports").get("k")).isEqualTo("v");
        } finally {
            member.shutdown();
        }
    }
}
