package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos suite's processes: the {@code grid-node.jar} and {@code app-node.jar} this build made, each copied alone
 * into a folder of its own and started there as a separate JVM, as it would be deployed (so the suite also shows that
 * a jar needs nothing beside it), each logging to a file of its own; stopped with SIGTERM, last first.
 */
final class Processes implements AutoCloseable {

    /** An app node started by {@link #appNode}. */
    record AppNode(Process process, Api api) {
    }

    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private final Set<String> copied = new HashSet<>();

    Processes(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /** Starts {@code java -jar} of a module's jar, after {@code prefix} (e.g. {@code ip netns exec ...}). */
    Process start(String name, List<String> prefix, String module, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:MaxGCPauseMillis=20", "-jar", jarAlone(module).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * A member of {@code cluster} on {@code port} (its HTTP side on {@code httpPort}) persisting to {@code database},
     * its binlog reader off, with {@code more} in its environment.
     */
    Process member(String name, Database.Settings database, String cluster, String members, int port, int httpPort,
                   Map<String, String> more) throws IOException {
        Map<String, String> env = new HashMap<>(more);
        env.put("FLASHSALE_DB_URL", database.url());
        env.put("FLASHSALE_DB_USER", database.user());
        env.put("FLASHSALE_DB_PASSWORD", database.password());
        env.put("FLASHSALE_CLUSTER_NAME", cluster);
        env.put("FLASHSALE_MEMBERS", members);
        env.put("FLASHSALE_PORT", String.valueOf(port));
        env.put("FLASHSALE_HTTP_PORT", String.valueOf(httpPort));
        env.put("FLASHSALE_CDC", "false");
        return start(name, List.of(), "grid-node", env);
    }

    /** The buyer-token secret of every app node these processes run. */
    private final String jwtSecret = LocalSystem.randomHex(32);

    /** An app node of {@code cluster} on a free port, with limits far above the tests' load. */
    AppNode appNode(String name, String cluster, String members, String adminToken) throws IOException {
        return appNode(name, cluster, members, adminToken, Map.of());
    }

    /** The same, with {@code more} in its environment. */
    AppNode appNode(String name, String cluster, String members, String adminToken, Map<String, String> more)
            throws IOException {
        int http = LocalPorts.free(1)[0];
        Map<String, String> env = new HashMap<>(more);
        env.put("FLASHSALE_CLUSTER_NAME", cluster);
        env.put("FLASHSALE_MEMBERS", members);
        env.put("FLASHSALE_ADMIN_TOKEN", adminToken);
        env.put("FLASHSALE_JWT_SECRET", jwtSecret);
        env.put("SERVER_PORT", String.valueOf(http));
        env.put("FLASHSALE_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("FLASHSALE_RATE_LIMIT_BURST", "1000000");
        Process process = start(name, List.of(), "app-node", env, "--flashsale.traffic.user-rate-per-second=1000000",
                "--flashsale.traffic.user-burst=1000000", "--flashsale.traffic.grid-budget=PT30S");
        return new AppNode(process, new Api("http://127.0.0.1:" + http, adminToken));
    }

    /** SIGTERM to every process, the last started first (members leave gracefully); SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process process = started.get(i);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The jar the build left in a sibling module, copied alone to {@code <logs>/<module>/}: what would be deployed. */
    private Path jarAlone(String module) throws IOException {
        Path built = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
        assertThat(built).as("run after 'package' of " + module + " (./mvnw verify does)").exists();
        Path alone = Files.createDirectories(logs.resolve(module)).resolve(module + ".jar");
        if (copied.add(module)) { // once per suite, replacing what an earlier run left
            Files.copy(built, alone, StandardCopyOption.REPLACE_EXISTING);
        }
        return alone;
    }
}
