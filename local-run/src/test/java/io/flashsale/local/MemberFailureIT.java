package io.flashsale.local;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.gridnode.GridMember;
import io.flashsale.model.stock.StockKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A grid member terminated (no graceful leave: no migration, no flush) in the middle of a sale, while buyers keep
 * coming. Backups take over; the invariants must hold: nothing oversold, every 201 in the database, the stock
 * conserved.
 */
class MemberFailureIT {

    private static final int STOCK = 3_000;

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("failure", 3);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void aMemberKilledMidSaleLosesNoOrderAndSellsNothingTwice() {
        api.createSale("crash", "crash-product", STOCK, 12, 2);
        Random random = new Random(7);
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            plan.add(new Ledger.Purchase("buyer-" + (i % 4_500), 1 + random.nextInt(2), null));
        }
        Collections.shuffle(plan, random);
        Ledger ledger = new Ledger();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> ledger.send(api, "crash", plan, 32));

        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.acceptedUnits() >= STOCK / 5);
        GridMember victim = ownerOf(new StockKey("crash", 0));
        victim.terminate();
        int unitsWhenKilled = ledger.acceptedUnits();
        load.join();

        Map<Integer, Long> statuses = ledger.countByStatus();
        System.out.printf("MemberFailureIT: member killed after %d units; statuses %s; %d units accepted%n",
                unitsWhenKilled, statuses, ledger.acceptedUnits());
        assertThat(ledger.acceptedUnits()).isLessThanOrEqualTo(STOCK);
        assertThat(ledger.unitsByUser().values()).allSatisfy(units -> assertThat(units).isBetween(1, 2));

        api.flush();
        Api.Response audit = api.audit("crash");
        Map<String, OrdersTable.Row> rows = OrdersTable.ofSale(sut.database, "crash");
        long unanswered = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0)
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(rows.keySet()).containsAll(ledger.acceptedByOrderId().keySet());
        assertThat(rows.size() - ledger.accepted().size()).isLessThanOrEqualTo((int) unanswered);
        assertThat(audit.number("sold") + audit.number("remaining")).isEqualTo(STOCK);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(audit.number("sold"));
        assertThat(audit.number("pendingWrites")).isZero();
        // Demand far exceeds the stock: everything is sold, none of it stranded in a segment.
        assertThat(audit.number("remaining")).isZero();
    }

    private static GridMember ownerOf(Object key) {
        for (GridMember member : sut.system.members()) {
            HazelcastInstance hz = member.hazelcast();
            if (hz.getPartitionService().getPartition(key).getOwner().localMember()) {
                return member;
            }
        }
        throw new IllegalStateException("no local owner of " + key);
    }
}
