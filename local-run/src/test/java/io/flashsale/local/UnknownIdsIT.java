package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads of order ids and carts that do not exist (an attacker's random ids) cost the database a bounded number of
 * queries, not one each: an id seen missing is remembered, and lookups that find nothing are budgeted per member.
 */
class UnknownIdsIT {

    private static final String TOKEN = "unknown-token";
    /** SELECTs the members make on their own (the expiry sweep each second, held units every 5 s), at most. */
    private static final long BACKGROUND_PER_SECOND = 3;

    private static EmbeddedDatabase server;
    private static Database.Settings database;
    private static LocalSystem system;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedDatabase.start(Files.createTempDirectory("unknown-db"));
        database = server.settings("unknown");
        system = LocalSystem.startGrid("unknown-" + UUID.randomUUID(), database, LocalPorts.free(1));
        api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
    }

    @AfterAll
    static void stop() {
        system.close();
        server.close();
    }

    @Test
    void unknownOrdersAndCartsCostABoundedNumberOfQueries() throws Exception {
        api.createSale("known", "known-product", 10, 1, 2);
        String real = api.purchase("known", "buyer", 1, null).text("orderId");
        api.flush();

        long before = selects();
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            statuses.merge(api.get("/api/orders/" + UUID.randomUUID()).status(), 1, Integer::sum);
        }
        for (int i = 0; i < 1_000; i++) {
            statuses.merge(api.get("/api/orders/the-same-unknown-id").status(), 1, Integer::sum);
        }
        long orderQueries = selects() - before;
        long orderSeconds = secondsSince(started);
        before = selects();
        started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            statuses.merge(api.get("/api/users/nobody/cart").status(), 1, Integer::sum);
        }
        long cartQueries = selects() - before;
        long cartSeconds = secondsSince(started);
        System.out.printf("UnknownIdsIT: 3,000 random order ids and 1,000 reads of one unknown id: %d SELECTs in %d s;"
                + " 1,000 reads of a cart nobody has: %d in %d s; answers %s%n", orderQueries, orderSeconds,
                cartQueries, cartSeconds, statuses);
        assertThat(statuses.keySet()).isSubsetOf(200, 404, 503);
        // The budget of order lookups that find nothing (MapStores, UnknownRows): 100 at once, then 50 a second on
        // the one member; the members' own queries come on top (the expiry sweep's, once a second). The bound
        // grows with the time the reads took, so a slow machine does not fail it; well under one query per read.
        assertThat(orderQueries).isLessThanOrEqualTo(100 + 50 * orderSeconds + BACKGROUND_PER_SECOND * orderSeconds)
                .isLessThan(3_000);
        // One query for the cart, remembered as missing after it.
        assertThat(cartQueries).isLessThanOrEqualTo(1 + BACKGROUND_PER_SECOND * cartSeconds);
        assertThat(api.get("/api/orders/" + real).text("userId")).isEqualTo("buyer");
    }

    /** Whole seconds since {@code started}, rounded up. */
    private static long secondsSince(long started) {
        return (System.nanoTime() - started + 999_999_999L) / 1_000_000_000L;
    }

    private static long selects() throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
            row.next();
            return row.getLong(2);
        }
    }
}
