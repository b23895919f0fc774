package io.flashsale.local;

import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grid members on hosts of their own, for network partitions: each member a separate process in a Linux network
 * namespace with a veth pair into a bridge ({@value #SUBNET}.0/24, member {@code i} at {@code .i}); the two app nodes
 * and a MariaDB of its own on the machine itself, reaching every member over the bridge. {@link #cut} isolates a set
 * of members from the others with blackhole routes on both ends, while the app nodes still reach them all: the real
 * split brain, each side sure the other is gone.
 *
 * <p>Needs root and iproute2 ({@code ip netns}); skipped without them, unless {@code FLASHSALE_REQUIRE_NETNS=true}
 * (CI) makes it mandatory. Addresses only inside the namespaces and bridge it makes.
 */
final class PartitionedCluster implements AutoCloseable {

    static final String TOKEN = "partition-token";
    private static final String SUBNET = "10.213.7";
    private static final String BRIDGE = "fsbr0";
    private static final String HOST = SUBNET + ".254";
    private static final int MEMBER_PORT = 5701;
    private static final int MEMBER_HTTP_PORT = 6701;

    final Api first;
    final Api second;
    final Database.Settings database;
    private final int members;
    private final Path logs;
    private final Processes processes;
    private final EmbeddedDatabase server;

    private PartitionedCluster(int members, Path logs, Processes processes, EmbeddedDatabase server,
                               Database.Settings database, Api first, Api second) {
        this.members = members;
        this.logs = logs;
        this.processes = processes;
        this.server = server;
        this.database = database;
        this.first = first;
        this.second = second;
    }

    /**
     * Starts {@code members} members with {@code memberEnv} added to their environment (e.g.
     * {@code FLASHSALE_MIN_MEMBERS}) and two app nodes, and waits until all are in one cluster. Logs in
     * {@code logs}.
     */
    static PartitionedCluster start(int members, Map<String, String> memberEnv, Path logs) throws Exception {
        boolean required = "true".equals(System.getenv("FLASHSALE_REQUIRE_NETNS"));
        boolean possible = "root".equals(System.getProperty("user.name")) && run("ip", "netns", "list") == 0;
        if (!required) {
            Assumptions.assumeTrue(possible, "needs root and iproute2 (ip netns)");
        }
        assertThat(possible).as("root and iproute2 (FLASHSALE_REQUIRE_NETNS=true)").isTrue();
        Processes processes = new Processes(logs);
        EmbeddedDatabase server = null;
        try {
            makeNetwork(members);
            // The members reach it over the bridge: it listens there as well as on loopback.
            server = EmbeddedDatabase.start(Files.createTempDirectory("partition-db"), List.of("127.0.0.1", HOST));
            Database.Settings database = server.settings("partition");
            String memberDatabase = server.jdbcUrl("partition").replace("127.0.0.1", HOST);
            String cluster = "partition-" + UUID.randomUUID();
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= members; i++) {
                addresses.add(SUBNET + "." + i + ":" + MEMBER_PORT);
            }
            for (int i = 1; i <= members; i++) {
                Map<String, String> env = new HashMap<>(memberEnv);
                env.put("FLASHSALE_DB_URL", memberDatabase);
                env.put("FLASHSALE_DB_USER", database.user());
                env.put("FLASHSALE_DB_PASSWORD", database.password());
                env.put("FLASHSALE_CLUSTER_NAME", cluster);
                env.put("FLASHSALE_MEMBERS", String.join(",", addresses));
                env.put("FLASHSALE_INTERFACE", SUBNET + "." + i);
                env.put("FLASHSALE_PORT", String.valueOf(MEMBER_PORT));
                env.put("FLASHSALE_HTTP_PORT", String.valueOf(MEMBER_HTTP_PORT));
                env.put("FLASHSALE_CDC", "false");
                // "ip netns exec" execs the command: the process is the member's JVM itself.
                processes.start("member-" + i, List.of("ip", "netns", "exec", namespace(i)), "grid-node", env);
            }
            Api first = processes.appNode("app-0", cluster, String.join(",", addresses), TOKEN).api();
            Api second = processes.appNode("app-1", cluster, String.join(",", addresses), TOKEN).api();
            PartitionedCluster started = new PartitionedCluster(members, logs, processes, server, database, first,
                    second);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                    first.get("/actuator/health").status() == 200 && second.get("/actuator/health").status() == 200
                            && started.health(1).number("members") == members);
            return started;
        } catch (Exception | AssertionError e) {
            processes.close();
            if (server != null) {
                server.close();
            }
            removeNetwork(members);
            throw e;
        }
    }

    /** Cuts the members of {@code side} off from the others (both ways), or heals that cut. */
    void cut(Set<Integer> side, boolean cut) {
        String verb = cut ? "add" : "del";
        for (int inside : side) {
            for (int outside = 1; outside <= members; outside++) {
                if (!side.contains(outside)) {
                    sh("ip", "netns", "exec", namespace(inside), "ip", "route", verb, "blackhole",
                            SUBNET + "." + outside + "/32");
                    sh("ip", "netns", "exec", namespace(outside), "ip", "route", verb, "blackhole",
                            SUBNET + "." + inside + "/32");
                }
            }
        }
    }

    /** A member's {@code /health}. */
    Api.Response health(int member) {
        return new Api(memberUrl(member), TOKEN).get("/health");
    }

    String memberUrl(int member) {
        return "http://" + SUBNET + "." + member + ":" + MEMBER_HTTP_PORT;
    }

    /** The time of the first line of member {@code member}'s log that contains {@code text}. */
    LocalTime firstLogLine(int member, String text) {
        try (var lines = Files.lines(logs.resolve("member-" + member + ".log"))) {
            String line = lines.filter(l -> l.contains(text)).findFirst().orElseThrow(() ->
                    new AssertionError("no '" + text + "' in the log of member " + member));
            return OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toLocalTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds from {@code since} (a {@link System#nanoTime}) until {@code condition} holds, polled every 100 ms. */
    static double secondsUntil(long since, Callable<Boolean> condition) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(condition);
        return (System.nanoTime() - since) / 1e9;
    }

    @Override
    public void close() throws Exception {
        processes.close();
        server.close();
        removeNetwork(members);
    }

    private static void makeNetwork(int members) {
        removeNetwork(members); // what an interrupted run may have left
        sh("ip", "link", "add", BRIDGE, "type", "bridge");
        sh("ip", "addr", "add", HOST + "/24", "dev", BRIDGE);
        sh("ip", "link", "set", BRIDGE, "up");
        for (int i = 1; i <= members; i++) {
            String ns = namespace(i);
            sh("ip", "netns", "add", ns);
            sh("ip", "link", "add", "fsveth" + i, "type", "veth", "peer", "name", "fsveth" + i + "p");
            sh("ip", "link", "set", "fsveth" + i, "master", BRIDGE);
            sh("ip", "link", "set", "fsveth" + i, "up");
            sh("ip", "link", "set", "fsveth" + i + "p", "netns", ns);
            sh("ip", "netns", "exec", ns, "ip", "addr", "add", SUBNET + "." + i + "/24", "dev", "fsveth" + i + "p");
            sh("ip", "netns", "exec", ns, "ip", "link", "set", "fsveth" + i + "p", "up");
            sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    private static void removeNetwork(int members) {
        for (int i = 1; i <= members; i++) {
            run("ip", "link", "del", "fsveth" + i); // and its peer in the namespace; the kernel would do it later
            run("ip", "netns", "del", namespace(i));
        }
        run("ip", "link", "del", BRIDGE);
    }

    private static String namespace(int member) {
        return "fsmember" + member;
    }

    private static void sh(String... command) {
        assertThat(run(command)).as(String.join(" ", command)).isZero();
    }

    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0 && !"del".equals(command[2])) {
                System.out.printf("PartitionedCluster: '%s' exited %d: %s%n", String.join(" ", command), status,
                        output.strip());
            }
            return status;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
