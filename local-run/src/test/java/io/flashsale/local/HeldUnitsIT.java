package io.flashsale.local;

import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Units held without an order go back on sale ({@code HeldUnits}) once the sale's stock has stayed unchanged for
 * {@code FLASHSALE_HELD_UNITS_QUIET} (3 s here, 10 minutes by default) and every order is in MySQL, and then they
 * sell. The held units are made as a lost app node leaves them: reservations on the grid with no order after them.
 */
class HeldUnitsIT {

    private static final String QUIET = "PT3S";

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("held", 2, TestSystem.NO_TRAFFIC_LIMITS, Map.of("FLASHSALE_HELD_UNITS_QUIET", QUIET));
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void unitsHeldWithoutAnOrderGoBackOnSaleAndSellAndNothingElseDoes() {
        api.createSale("held", "held-product", 40, 4, 2);
        IMap<StockKey, StockSegment> stock = sut.system.members().get(0).hazelcast().getMap(MapNames.STOCK);
        assertThat(stock.executeOnKey(new StockKey("held", 1), new TryReserve(StockSegment.hashOf("lost-1"), 3))
                .units()).isEqualTo(3);
        assertThat(stock.executeOnKey(new StockKey("held", 2), new TryReserve(StockSegment.hashOf("lost-2"), 2))
                .units()).isEqualTo(2);

        assertThat(buyUntilSoldOut("first-")).isEqualTo(35);
        api.flush();
        Api.Response soldOut = api.audit("held");
        assertThat(soldOut.number("sold")).isEqualTo(40);
        assertThat(soldOut.number("unitsInDatabase")).isEqualTo(35);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.audit("held").number("remaining")).isEqualTo(5));
        Api.Response putBack = api.audit("held");
        assertThat(putBack.number("sold")).isEqualTo(35);
        assertThat(putBack.number("unitsInDatabase")).isEqualTo(35);

        assertThat(buyUntilSoldOut("second-")).as("the units put back sell").isEqualTo(5);
        api.flush();
        // Well past the quiet time: units that orders hold stay sold.
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(api.audit("held").number("remaining")).isZero());
        Api.Response end = api.audit("held");
        assertThat(end.number("sold")).isEqualTo(40);
        assertThat(end.number("unitsInDatabase")).isEqualTo(40);
    }

    /** One unit per new buyer until the sale answers sold out; returns the units bought. */
    private static int buyUntilSoldOut(String buyerPrefix) {
        for (int i = 0; i < 100; i++) {
            Api.Response answer = api.purchase("held", buyerPrefix + i, 1, null);
            if (answer.status() == 409) {
                return i;
            }
            assertThat(answer.status()).isEqualTo(201);
        }
        throw new AssertionError("never sold out");
    }
}
