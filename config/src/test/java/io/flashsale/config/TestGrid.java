package io.flashsale.config;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import io.flashsale.model.stock.OutboxMover;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Two real members (production configuration from {@link MemberConfigs}, backups on, no map stores) on free ports,
 * and a real client ({@link ClientConfigs}), for a test class of this module:
 * {@code @RegisterExtension static final TestGrid GRID = new TestGrid("name");} starts them before the class and
 * stops them after it.
 */
public final class TestGrid implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private HazelcastInstance client;

    public TestGrid(String name) {
        this.name = name;
    }

    /** The members; a test that terminates one removes it. */
    public List<HazelcastInstance> members() {
        return members;
    }

    public HazelcastInstance client() {
        return client;
    }

    /**
     * Moves the orders that purchase batches left in the stock segments' outboxes into the orders map now, on every
     * member (their movers would within a second): for a test that reads the orders map itself.
     */
    public void moveOutboxes() {
        members.forEach(member -> OutboxMover.of(member).moveAll(member));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        int[] ports = LocalPorts.free(2);
        int first = ports[0];
        int second = ports[1];
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", name + "-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:" + first + ",127.0.0.1:" + second,
                "FLASHSALE_PORT", String.valueOf(first)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(second), Map.of(), null)));
        // Partitions assigned (asking for their owners does it) and in place before the first write: writes during
        // the migration that follows a join can miss their backups' acknowledgements, which fails them (seen once
        // in CI, a test's setup failing on "backup acks missed").
        PartitionService partitions = members.get(0).getPartitionService();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                members.get(1).getCluster().getMembers().size() == 2
                        && partitions.getPartitions().stream().allMatch(p -> p.getOwner() != null)
                        && partitions.isClusterSafe());
        client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, name + "-client"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.shutdown();
        members.forEach(HazelcastInstance::shutdown);
        members.clear();
    }
}
