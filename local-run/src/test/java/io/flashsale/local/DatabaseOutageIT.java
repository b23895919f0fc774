package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import io.flashsale.mapstore.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database stopped in the middle of a sale (a MariaDB of this test's own, never the shared server): buyers keep
 * getting their orders from the grid, the writes wait there, and once the database is back every accepted order
 * reaches it.
 */
class DatabaseOutageIT {

    private static final String TOKEN = "outage-token";

    private static EmbeddedDatabase server;
    private static Database.Settings database;
    private static LocalSystem system;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestDatabases.startOwn("outage");
        database = server.settings("outage");
        system = LocalSystem.startGrid("outage-" + UUID.randomUUID(), database, LocalPorts.free(2));
        ConfigurableApplicationContext appNode = system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS);
        api = new Api(LocalSystem.baseUrl(appNode), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.restart();
        system.close();
        server.close();
    }

    @Test
    void purchasesGoOnWhileTheDatabaseIsDownAndReachItWhenItIsBack() {
        api.createSale("outage", "outage-product", 2_000, 10, 1);
        Ledger ledger = Ledger.run(api, "outage", buyers("before", 300), 16);
        api.flush();

        server.stop();
        ledger.send(api, "outage", buyers("during", 600), 16);
        assertThat(api.get("/api/sales/outage").text("status")).isEqualTo("ACTIVE");
        // The node still sells (write-behind holds the orders): degraded, not down, and ready and live for a
        // load balancer or Kubernetes, which would otherwise pull every node at once.
        Api.Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.body().path("components").path("database").path("status").asString())
                .isEqualTo("DEGRADED");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        server.restart();

        assertThat(ledger.countByStatus()).containsOnlyKeys(201);
        assertThat(ledger.accepted()).hasSize(900);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.post("/api/admin/flush", null, api.admin()).status() == 204);
        Api.Response audit = api.audit("outage");
        assertThat(audit.number("sold")).isEqualTo(900);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(900);
        assertThat(audit.number("pendingWrites")).isZero();
        assertThat(OrdersTable.ofSale(database, "outage").keySet())
                .isEqualTo(ledger.acceptedByOrderId().keySet());
    }

    @Test
    void aBacklogPastItsLimitTurnsPurchasesInto503UntilTheDatabaseCatchesUp() {
        Map<String, Object> settings = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        settings.put("flashsale.traffic.backlog-limit", 200);
        settings.put("flashsale.traffic.backlog-poll-interval", "PT0.1S");
        Api guarded = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, settings)), TOKEN);
        guarded.createSale("backlog", "backlog-product", 5_000, 4, 1);
        guarded.flush();

        server.stop();
        List<String> acceptedIds = new ArrayList<>();
        Api.Response refused = null;
        for (int i = 0; i < 3_000 && refused == null; i++) {
            Api.Response r = guarded.purchase("backlog", "queued-" + i, 1, null);
            if (r.status() == 201) {
                acceptedIds.add(r.text("orderId"));
            } else {
                refused = r;
            }
        }
        System.out.printf("DatabaseOutageIT: database down, backlog limit 200: %d x 201, then %s%n",
                acceptedIds.size(), refused == null ? "no refusal" : refused.status() + " " + refused.problemType());
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.problemType()).isEqualTo("urn:flashsale:problem:unavailable");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(acceptedIds.size()).isBetween(150, 1_000);
        server.restart();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> guarded.purchase("backlog", "resumed-" + System.nanoTime(), 1, null).status() == 201);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> guarded.post("/api/admin/flush", null, guarded.admin()).status() == 204);
        assertThat(OrdersTable.ofSale(database, "backlog").keySet()).containsAll(acceptedIds);
    }

    private static List<Ledger.Purchase> buyers(String prefix, int count) {
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plan.add(new Ledger.Purchase(prefix + "-" + i, 1, null));
        }
        return plan;
    }
}
