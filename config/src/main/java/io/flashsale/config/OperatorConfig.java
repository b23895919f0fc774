package io.flashsale.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.NetworkConfig;
import org.jspecify.annotations.Nullable;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The operator's own Hazelcast configuration, which ours goes on top of: {@code hazelcast.yaml} (or {@code .yml},
 * {@code .xml}) named by {@code FLASHSALE_HAZELCAST_CONFIG} or lying in the working directory, with Hazelcast's
 * {@code HZ_*} environment overrides; {@code hazelcast-client.yaml} with {@code HZCLIENT_*} likewise for app nodes.
 * Tuning passes through (threads, partitions, other maps, TLS, ...). What the invariants need stays ours
 * ({@link MemberConfigs}, {@link ClientConfigs}), and a setting of the operator's that would change it stops the
 * start, saying what to remove: silently overriding it would run something other than what the operator wrote.
 */
public final class OperatorConfig {

    public static final String MEMBER_FILE = "FLASHSALE_HAZELCAST_CONFIG";
    public static final String CLIENT_FILE = "FLASHSALE_HAZELCAST_CLIENT_CONFIG";

    private OperatorConfig() {
    }

    /** The operator's member configuration, or Hazelcast's defaults with the {@code HZ_*} overrides applied. */
    public static Config member(Map<String, String> env, Path workingDirectory) {
        Path file = file(env.get(MEMBER_FILE), MEMBER_FILE, workingDirectory, "hazelcast");
        try {
            // Hazelcast's loaders apply the HZ_* variables (and hz.* system properties); its builders do not.
            return file == null ? Config.loadFromString("hazelcast:\n  cluster-name: dev\n")
                    : Config.loadFromFile(file.toFile());
        } catch (FileNotFoundException | InvalidConfigurationException e) {
            throw new IllegalStateException("could not read the Hazelcast configuration " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The operator's client configuration, or Hazelcast's defaults with the {@code HZCLIENT_*} overrides. */
    public static ClientConfig client(Map<String, String> env, Path workingDirectory) {
        Path file = file(env.get(CLIENT_FILE), CLIENT_FILE, workingDirectory, "hazelcast-client");
        // ClientConfig.load() is the loader that applies HZCLIENT_*; it reads the file this property names.
        String property = "hazelcast.client.config";
        String before = System.getProperty(property);
        try {
            if (file != null) {
                System.setProperty(property, file.toAbsolutePath().toString());
            }
            return ClientConfig.load();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    /** Refuses the start when {@code operators} sets what {@code ours} (the same settings built alone) decides. */
    static void refuseConflicts(Config operators, Config ours) {
        List<String> conflicts = new ArrayList<>();
        Config defaults = new Config();
        differs(conflicts, "cluster-name", operators.getClusterName(), ours.getClusterName(),
                defaults.getClusterName(), "FLASHSALE_CLUSTER_NAME");
        properties(conflicts, operators.getProperties(), ours.getProperties());
        NetworkConfig theirs = operators.getNetworkConfig();
        NetworkConfig mine = ours.getNetworkConfig();
        differs(conflicts, "network port", theirs.getPort(), mine.getPort(), defaults.getNetworkConfig().getPort(),
                "FLASHSALE_PORT");
        List<String> members = theirs.getJoin().getTcpIpConfig().getMembers();
        if (!members.isEmpty() && !members.equals(mine.getJoin().getTcpIpConfig().getMembers())) {
            conflicts.add("tcp-ip members " + members + ": they come from FLASHSALE_MEMBERS");
        }
        if (theirs.getInterfaces().isEnabled() && !theirs.getInterfaces().equals(mine.getInterfaces())) {
            conflicts.add("network interfaces " + theirs.getInterfaces().getInterfaces()
                    + ": the interface comes from FLASHSALE_INTERFACE");
        }
        for (String map : ours.getMapConfigs().keySet()) {
            if (operators.getMapConfigs().containsKey(map)) {
                conflicts.add("map '" + map + "': flashsale's own (its backups, format, store, merge policy and"
                        + " split-brain protection keep the invariants); remove it from the file");
            }
        }
        for (String protection : ours.getSplitBrainProtectionConfigs().keySet()) {
            if (operators.getSplitBrainProtectionConfigs().containsKey(protection)) {
                conflicts.add("split-brain-protection '" + protection + "': it comes from FLASHSALE_MIN_MEMBERS");
            }
        }
        if (operators.getManagementCenterConfig().isScriptingEnabled()
                || operators.getManagementCenterConfig().isConsoleEnabled()) {
            conflicts.add("management-center scripting or console: they would change entries around the"
                    + " EntryProcessors that keep stock exact");
        }
        if (operators.getSerializationConfig().getJavaSerializationFilterConfig() != null) {
            conflicts.add("java-serialization-filter: flashsale sets its own (our classes and Hazelcast's only)");
        }
        refuse(conflicts, "member");
    }

    /** Refuses the start when {@code operators} sets what {@code ours} decides for an app node's client. */
    static void refuseConflicts(ClientConfig operators, ClientConfig ours) {
        List<String> conflicts = new ArrayList<>();
        ClientConfig defaults = new ClientConfig();
        differs(conflicts, "cluster-name", operators.getClusterName(), ours.getClusterName(),
                defaults.getClusterName(), "FLASHSALE_CLUSTER_NAME");
        properties(conflicts, operators.getProperties(), ours.getProperties());
        List<String> addresses = operators.getNetworkConfig().getAddresses();
        if (!addresses.isEmpty() && !addresses.equals(ours.getNetworkConfig().getAddresses())) {
            conflicts.add("cluster-members " + addresses + ": they come from FLASHSALE_MEMBERS");
        }
        for (String map : ours.getNearCacheConfigMap().keySet()) {
            if (operators.getNearCacheConfigMap().containsKey(map)) {
                conflicts.add("near-cache '" + map + "': flashsale's own (it must be invalidated on every change)");
            }
        }
        ClientConnectionStrategyConfig.ReconnectMode reconnect =
                operators.getConnectionStrategyConfig().getReconnectMode();
        differs(conflicts, "reconnect-mode", reconnect, ours.getConnectionStrategyConfig().getReconnectMode(),
                defaults.getConnectionStrategyConfig().getReconnectMode(), "flashsale (a cut-off app node answers"
                        + " 503 at once)");
        refuse(conflicts, "client");
    }

    private static void properties(List<String> conflicts, Properties operators, Properties ours) {
        for (String name : ours.stringPropertyNames()) {
            String theirs = operators.getProperty(name);
            if (theirs != null && !theirs.equals(ours.getProperty(name))) {
                conflicts.add("property " + name + "=" + theirs + ": flashsale needs " + ours.getProperty(name));
            }
        }
    }

    private static void differs(List<String> conflicts, String what, @Nullable Object theirs, @Nullable Object mine,
                                @Nullable Object hazelcastDefault, String source) {
        if (!Objects.equals(theirs, hazelcastDefault) && !Objects.equals(theirs, mine)) {
            conflicts.add(what + " " + theirs + ": " + mine + " comes from " + source);
        }
    }

    private static void refuse(List<String> conflicts, String kind) {
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("The Hazelcast " + kind + " configuration sets what flashsale decides: "
                    + String.join("; ", conflicts));
        }
    }

    private static @Nullable Path file(@Nullable String named, String variable, Path directory, String base) {
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(variable + " names " + file + ", which is not a file");
            }
            return file;
        }
        for (String extension : List.of(".yaml", ".yml", ".xml")) {
            Path file = directory.resolve(base + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
