package io.flashsale.local;

import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full cluster restart: the grid forgets everything, MySQL keeps it. Warm-up loads the sale, its stock and its
 * buyers' claims back, so the sale goes on where it stopped (no stock handed out twice, limits still held).
 */
class ClusterRestartIT {

    private static final String TOKEN = "restart-token";

    private static final Database.Settings database = TestDatabases.fresh("restart");
    private static LocalSystem system;

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        TestDatabases.drop(database);
    }

    @Test
    void warmUpAfterAFullRestartContinuesTheSaleWhereItStopped() {
        system = LocalSystem.startGrid("restart-" + UUID.randomUUID(), database, 0, 0);
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        api.createSale("again", "again-product", 10, 3, 2);
        Api.Response order = api.purchase("again", "loyal", 2, null);
        assertThat(api.purchase("again", "other", 1, null).status()).isEqualTo(201);
        api.flush();
        system.close();

        system = LocalSystem.startGrid("restart-" + UUID.randomUUID(), database, 0, 0);
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

    private static void assertProblemOnUnknownWarmUp(Api api) {
        Api.Response unknown = api.post("/api/admin/sales/no-such-sale/warmup", null, api.admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("urn:flashsale:problem:sale-not-found");
    }
}
