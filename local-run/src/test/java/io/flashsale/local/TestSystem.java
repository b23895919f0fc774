package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.TestDatabases;

import java.util.Map;
import java.util.UUID;

/** A fresh database, {@code members} grid members on it and one app node, for one test class. */
final class TestSystem implements AutoCloseable {

    static final String TOKEN = "it-token";

    final Database.Settings database;
    final LocalSystem system;
    final Api api;

    private TestSystem(Database.Settings database, LocalSystem system, Api api) {
        this.database = database;
        this.system = system;
        this.api = api;
    }

    /**
     * App-node settings for tests that are not about traffic control: rate limits far above what a test sends (many
     * purchases by one user in a loop are not 429s), and a queue budget that a JIT-cold JVM on two cores does not
     * pass at the start of a load (those tests assert that every request gets a business answer, no 503).
     */
    static final Map<String, Object> NO_TRAFFIC_LIMITS = Map.of(
            "flashsale.traffic.rate-per-second", 1_000_000, "flashsale.traffic.burst", 1_000_000,
            "flashsale.traffic.user-rate-per-second", 1_000_000, "flashsale.traffic.user-burst", 1_000_000,
            "flashsale.traffic.grid-budget", "PT30S");

    static TestSystem start(String name, int members) {
        return start(name, members, NO_TRAFFIC_LIMITS);
    }

    static TestSystem start(String name, int members, Map<String, Object> appNode) {
        return start(name, members, appNode, Map.of());
    }

    /** With the members' environment variables {@code memberEnv} (e.g. {@code FLASHSALE_PAYMENT_WINDOW}). */
    static TestSystem start(String name, int members, Map<String, Object> appNode, Map<String, String> memberEnv) {
        Database.Settings database = TestDatabases.fresh(name);
        LocalSystem system = LocalSystem.startGrid(name + "-" + UUID.randomUUID(), database, memberEnv,
                LocalPorts.free(members));
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, appNode)), TOKEN);
        return new TestSystem(database, system, api);
    }

    @Override
    public void close() {
        system.close();
        TestDatabases.drop(database);
    }
}
