package io.flashsale.local;

import io.flashsale.app.AppNodeApplication;
import io.flashsale.config.GridSettings;
import io.flashsale.gridnode.GridMember;
import io.flashsale.mapstore.Database;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Grid members and app nodes in this JVM, wired as in production: members join over TCP on loopback and persist
 * to the given database, app nodes are Hazelcast clients serving HTTP. Used by the local run and the end-to-end
 * tests; stops in the order that loses nothing (app nodes, then members, which flush while leaving).
 */
public final class LocalSystem implements AutoCloseable {

    private final GridSettings settings;
    private final Database.Settings database;
    private final List<GridMember> members = new ArrayList<>();
    private final List<ConfigurableApplicationContext> appNodes = new ArrayList<>();
    /** The HS256 secret of buyer tokens, the same on every app node this system starts (made up per system). */
    private final String jwtSecret = randomHex(32);

    private LocalSystem(GridSettings settings, Database.Settings database) {
        this.settings = settings;
        this.database = database;
    }

    /**
     * Starts members of cluster {@code clusterName}, one on each of the given ports.
     */
    public static LocalSystem startGrid(String clusterName, Database.Settings database, int... ports) {
        return startGrid(clusterName, database, Map.of(), ports);
    }

    /**
     * As {@link #startGrid(String, Database.Settings, int...)}, with more of the members' environment variables
     * ({@code FLASHSALE_PAYMENT_WINDOW}, ...) in {@code env}.
     */
    public static LocalSystem startGrid(String clusterName, Database.Settings database, Map<String, String> env,
                                        int... ports) {
        // The system's owner stops members in order (see close); Hazelcast's own hook would race with it.
        System.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Members list each other's addresses before they bind, so each is told its port.
        List<Integer> chosen = Arrays.stream(ports).boxed().toList();
        if (chosen.isEmpty() || chosen.contains(0)) {
            throw new IllegalArgumentException("members need their ports, not 0: " + chosen);
        }
        String addresses = chosen.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        Map<String, String> memberEnv = new HashMap<>();
        memberEnv.put("FLASHSALE_CDC", "false"); // only where asked for: it needs a server with its binlog on
        memberEnv.putAll(env);
        memberEnv.put("FLASHSALE_CLUSTER_NAME", clusterName);
        memberEnv.put("FLASHSALE_MEMBERS", addresses);
        memberEnv.put("FLASHSALE_PORT", String.valueOf(chosen.get(0)));
        GridSettings settings = GridSettings.fromEnvironment(memberEnv);
        LocalSystem system = new LocalSystem(settings, database);
        try {
            for (int port : chosen) {
                system.members.add(GridMember.start(settings.withPort(port), database));
            }
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    /** Starts an app node on {@code httpPort} (0 for a free one) and returns it. */
    public ConfigurableApplicationContext startAppNode(int httpPort, String adminToken, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", httpPort);
        properties.put("flashsale.cluster-name", settings.clusterName());
        properties.put("flashsale.members", String.join(",", settings.members()));
        properties.put("flashsale.admin-token", adminToken);
        properties.put("flashsale.jwt.secret", jwtSecret);
        properties.putAll(extra);
        // As command-line arguments: they take precedence over application.properties (defaults would not).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AppNodeApplication.class)
                .registerShutdownHook(false)
                .run(args);
        appNodes.add(context);
        return context;
    }

    /** {@code http://127.0.0.1:<port>} of an app node. */
    public static String baseUrl(ConfigurableApplicationContext appNode) {
        return "http://127.0.0.1:" + appNode.getEnvironment().getProperty("local.server.port");
    }

    /** The buyer-token secret of this system's app nodes, for a process started beside them. */
    public String jwtSecret() {
        return jwtSecret;
    }

    /** {@code bytes} random bytes as hex: secrets and tokens of a local run. */
    public static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public List<GridMember> members() {
        return members;
    }

    public GridSettings settings() {
        return settings;
    }

    public Database.Settings database() {
        return database;
    }

    /** Stops app nodes, then members one by one (each graceful leave migrates and flushes). */
    @Override
    public void close() {
        for (ConfigurableApplicationContext appNode : appNodes) {
            appNode.close();
        }
        appNodes.clear();
        for (GridMember member : members) {
            if (member.hazelcast().getLifecycleService().isRunning()) {
                member.close();
            }
        }
        members.clear();
    }
}
