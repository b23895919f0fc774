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

    static TestSystem start(String name, int members) {
        Database.Settings database = TestDatabases.fresh(name);
        LocalSystem system = LocalSystem.startGrid(name + "-" + UUID.randomUUID(), database, new int[members]);
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, Map.of())), TOKEN);
        return new TestSystem(database, system, api);
    }

    @Override
    public void close() {
        system.close();
        TestDatabases.drop(database);
    }
}
