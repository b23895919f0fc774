package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full cluster restart: the grid forgets everything, MySQL keeps it. Warm-up loads the sale, its stock and its
 * buyers' claims back, so the sale goes on where it stopped (no stock handed out twice, limits still held), and
 * orders left unpaid expire all the same.
 */
class ClusterRestartIT {

    private static final String TOKEN = "restart-token";

    private static final Database.Settings database = TestDatabases.fresh("restart");
    private LocalSystem system;

    @AfterEach
    void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabases.drop(database);
    }

    @Test
    void warmUpAfterAFullRestartContinuesTheSaleWhereItStopped() {
        system = LocalSystem.startGrid("restart-" + UUID.randomUUID(), database, LocalPorts.free(2));
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        api.createSale("again", "again-product", 10, 3, 2);
        Api.Response order = api.purchase("again", "loyal", 2, null);
        assertThat(api.purchase("again", "other", 1, null).status()).isEqualTo(201);
        api.flush();
        system.close();

        system = LocalSystem.startGrid("restart-" + UUID.randomUUID(), database, LocalPorts.free(2));
        api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        Api.Response warm = api.post("/api/admin/sales/again/warmup", null, api.admin());

        assertThat(warm.status()).isEqualTo(200);
        assertThat(warm.number("remaining")).isEqualTo(7);
        assertThat(api.get("/api/orders/" + order.text("orderId")).text("userId")).isEqualTo("loyal");
        assertThat(api.purchase("again", "loyal", 1, null).problemType())
                .isEqualTo("urn:flashsale:problem:purchase-limit");
        for (int i = 0; i < 7; i++) {
            assertThat(api.purchase("again", "late-" + i, 1, null).status()).isEqualTo(201);
        }
        assertThat(api.purchase("again", "too-late", 1, null).problemType())
                .isEqualTo("urn:flashsale:problem:sold-out");
        api.flush();
        Api.Response audit = api.audit("again");
        assertThat(audit.number("sold")).isEqualTo(10);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(10);
        assertProblemOnUnknownWarmUp(api);
    }

    /**
     * Orders accepted before a full restart, unpaid, expire after it although no member holds them in memory: the
     * oldest member's database sweep reads them through and gives their units back.
     */
    @Test
    void unpaidOrdersExpireAfterAFullRestart() {
        Map<String, String> window = Map.of("FLASHSALE_PAYMENT_WINDOW", "PT6S");
        Map<String, Object> appNode = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        appNode.put("flashsale.payment-window", "PT6S");
        system = LocalSystem.startGrid("expire-" + UUID.randomUUID(), database, window, LocalPorts.free(2));
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, appNode)), TOKEN);
        api.createSale("later", "later-product", 10, 2, 1);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(api.purchase("later", "buyer-" + i, 1, null).text("orderId"));
        }
        for (String paid : orders.subList(0, 2)) {
            assertThat(api.post("/api/orders/" + paid + "/payment", "{\"paymentRef\":\"ref-" + paid + "\"}")
                    .status()).isEqualTo(200);
        }
        assertThat(api.post("/api/orders/" + orders.get(2) + "/payment", "{\"paymentRef\":\"ref-" + orders.get(0)
                + "\"}").problemType()).isEqualTo("urn:flashsale:problem:payment-ref-used");
        api.flush();
        system.close();

        system = LocalSystem.startGrid("expire-" + UUID.randomUUID(), database, window, LocalPorts.free(2));
        Api restarted = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, appNode)), TOKEN);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String unpaid : orders.subList(2, 5)) {
                assertThat(restarted.get("/api/orders/" + unpaid).text("status")).isEqualTo("EXPIRED");
            }
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(restarted.get("/api/sales/later").number("remaining")).isEqualTo(8));
        // A reference used before the restart is still used: the grid looks it up in the orders table.
        String late = restarted.purchase("later", "after-restart", 1, null).text("orderId");
        assertThat(restarted.post("/api/orders/" + late + "/payment", "{\"paymentRef\":\"ref-" + orders.get(0)
                + "\"}").problemType()).isEqualTo("urn:flashsale:problem:payment-ref-used");
        assertThat(restarted.post("/api/orders/" + late + "/cancel", null).status()).isEqualTo(200);
        restarted.flush();
        Api.Response audit = restarted.audit("later");
        assertThat(audit.number("sold")).isEqualTo(2);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(2);
        assertThat(OrdersTable.ofSale(database, "later").values().stream().map(OrdersTable.Row::status).sorted()
                .toList()).containsExactly("CANCELLED", "EXPIRED", "EXPIRED", "EXPIRED", "PAID", "PAID");
    }

    private static void assertProblemOnUnknownWarmUp(Api api) {
        Api.Response unknown = api.post("/api/admin/sales/no-such-sale/warmup", null, api.admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("urn:flashsale:problem:sale-not-found");
    }
}
