package io.flashsale.local;

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
     * App-node settings for tests that are not about traffic control: rate limits far above what a test sends, so
     * that many purchases by one user in a loop are not refused with 429.
     */
    static final Map<String, Object> NO_RATE_LIMITS = Map.of(
            "flashsale.traffic.rate-per-second", 1_000_000, "flashsale.traffic.burst", 1_000_000,
            "flashsale.traffic.user-rate-per-second", 1_000_000, "flashsale.traffic.user-burst", 1_000_000);

    static TestSystem start(String name, int members) {
        return start(name, members, NO_RATE_LIMITS);
    }

    static TestSystem start(String name, int members, Map<String, Object> appNode) {
        Database.Settings database = TestDatabases.fresh(name);
        LocalSystem system = LocalSystem.startGrid(name + "-" + UUID.randomUUID(), database, new int[members]);
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, appNode)), TOKEN);
        return new TestSystem(database, system, api);
    }

    @Override
    public void close() {
        system.close();
        TestDatabases.drop(database);
    }
}
