package io.flashsale.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two real members (production configuration from {@link MemberConfigs}, backups on, no map stores) on free ports,
 * and a real client ({@link ClientConfigs}), for the tests of this module.
 */
public final class TestGrid implements AutoCloseable {

    /** The members; a test that terminates one removes it. */
    public final List<HazelcastInstance> members = new ArrayList<>();
    public final HazelcastInstance client;

    private TestGrid(String name) {
        int first = freePort();
        int second = freePort();
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", name + "-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:" + first + ",127.0.0.1:" + second,
                "FLASHSALE_PORT", String.valueOf(first)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(second), Map.of(), null)));
        client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, name + "-client"));
    }

    public static TestGrid start(String name) {
        return new TestGrid(name);
    }

    @Override
    public void close() {
        client.shutdown();
        members.forEach(HazelcastInstance::shutdown);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
