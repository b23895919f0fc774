package io.flashsale.purchase;

import com.hazelcast.map.IMap;
import io.flashsale.config.BackupHold;
import io.flashsale.config.TestGrid;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.Order;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A batch whose segment call the client saw fail although the owner made it (the backup replica's partition thread
 * busy past the backup timeout, so no attempt was acknowledged): its order is in the segment's outbox on the owner,
 * which moves it into the orders map, so the batch must be completed, not undone. Giving its units back (which the
 * owner does at once, only the backup lagging) would leave an order without units.
 */
class UnknownBatchOutcomeIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("unknown-batch");

    /** Longer than three attempts, each failed after the client's backup timeout (5 s). */
    private static final long HOLD_MILLIS = 17_000;

    @Test
    void aBatchCallThatFailedOnlyForItsClientIsCompletedAndItsOrderKeepsItsUnits() {
        long now = System.currentTimeMillis();
        Sale sale = new Sale("unknown-" + UUID.randomUUID(), "p", 10, 1, 2, now - 1_000, now + 600_000);
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        stock.putAll(sale.initialSegments());
        PurchaseFlow flow = new PurchaseFlow(GRID.client(), GridCallListener.NONE);
        BackupHold.start(stock, sale.stockKey(0), HOLD_MILLIS);

        assertThatThrownBy(() -> flow.purchase(new PurchaseRequest(sale, "ana", 1, null)))
                .as("its client saw the segment call fail").isInstanceOf(GridCallFailed.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            GRID.moveOutboxes();
            IMap<Object, Order> orders = GRID.client().getMap(MapNames.ORDERS);
            Map<String, Integer> units = orders.values().stream().filter(o -> o.saleId().equals(sale.saleId()))
                    .collect(Collectors.groupingBy(Order::userId, Collectors.summingInt(Order::quantity)));
            assertThat(units).as("the order the owner made").containsExactly(Map.entry("ana", 1));
            assertThat(stock.get(sale.stockKey(0)).sold()).as("its unit stays taken").isEqualTo(1);
            assertThat(stock.get(sale.stockKey(0)).claims().of("ana").units()).as("and its claim").isEqualTo(1);
            assertThat(flow.pendingRetries()).isZero();
        });
    }
}
