package io.flashsale.bench;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis primary and its replica, started by the benchmark on loopback for the WAIT design and stopped after it, so
 * that the shared server on 6379 is left as it is. Neither persists anything: the replica is the second copy.
 */
final class RedisPair implements AutoCloseable {

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final List<Process> servers = new ArrayList<>();
    private final Path dir;
    final int primaryPort;

    private RedisPair(int primaryPort) throws IOException {
        this.primaryPort = primaryPort;
        this.dir = Files.createTempDirectory("bench-redis-pair");
    }

    /** Starts the pair and returns once the replica is in sync with the primary. */
    static RedisPair start(int primaryPort, int replicaPort) throws IOException, InterruptedException {
        RedisPair pair = new RedisPair(primaryPort);
        try {
            pair.server(primaryPort);
            pair.server(replicaPort, "--replicaof", "127.0.0.1", String.valueOf(primaryPort));
            long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
            while (!pair.inSync(replicaPort)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replica on " + replicaPort + " did not sync in "
                            + SYNC_TIMEOUT);
                }
                Thread.sleep(100);
            }
            return pair;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void server(int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(extra));
        servers.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start());
    }

    private boolean inSync(int replicaPort) {
        try (Jedis replica = new Jedis("127.0.0.1", replicaPort)) {
            return replica.info("replication").contains("master_link_status:up");
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process server : servers) {
            server.destroy();
        }
        for (Process server : servers) {
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
    }
}
