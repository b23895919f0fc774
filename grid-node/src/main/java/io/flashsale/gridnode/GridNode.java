package io.flashsale.gridnode;

import io.flashsale.config.GridSettings;
import io.flashsale.mapstore.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@code java -jar grid-node/target/grid-node.jar}: one grid member configured from the environment
 * ({@code FLASHSALE_PORT}, {@code FLASHSALE_MEMBERS}, {@code FLASHSALE_CLUSTER_NAME}, {@code FLASHSALE_DB_*},
 * {@code FLASHSALE_HTTP_PORT}), with its health and metrics on HTTP.
 * SIGTERM shuts it down gracefully (Hazelcast's shutdown hook), flushing its write-behind queues.
 */
public final class GridNode {

    private static final Logger log = LoggerFactory.getLogger(GridNode.class);

    private GridNode() {
    }

    /** {@code FLASHSALE_HTTP_PORT}: the member's health and metrics port, by default its grid port + 1000. */
    static int httpPort(Map<String, String> env, int gridPort) {
        String port = env.get("FLASHSALE_HTTP_PORT");
        return port == null || port.isBlank() ? gridPort + 1000 : Integer.parseInt(port.trim());
    }

    public static void main(String[] args) {
        // Async grid callbacks run on the common pool, which has one thread on a 2-core machine.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8"));
        Database.Settings database = Database.Settings.fromEnvironment(System.getenv());
        if (database == null) {
            log.error("FLASHSALE_DB_URL is not set. A grid node persists to MySQL: set FLASHSALE_DB_URL, "
                    + "FLASHSALE_DB_USER and FLASHSALE_DB_PASSWORD, or start the local run (see README).");
            System.exit(2);
        }
        GridSettings settings = GridSettings.fromEnvironment(System.getenv());
        GridMember member = GridMember.start(settings, database);
        member.serveHttp(settings.bindInterface() == null ? "0.0.0.0" : settings.bindInterface(),
                httpPort(System.getenv(), settings.port()));
        // One line an operator finds first: what runs, where, with whom.
        log.info("flashsale grid-node {} up: member {} of cluster '{}', grid port {}, http port {}, members {}",
                GridNode.class.getPackage().getImplementationVersion(),
                member.hazelcast().getCluster().getLocalMember(), settings.clusterName(), settings.port(),
                httpPort(System.getenv(), settings.port()), String.join(",", settings.members()));
    }
}
