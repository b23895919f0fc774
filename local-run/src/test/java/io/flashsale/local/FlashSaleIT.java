package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system over real HTTP: two grid members persisting to a real MariaDB, one app node, many concurrent
 * buyers. Checks the contract's invariants: exactly the stock is sold, nobody passes the limit, and after a flush
 * the orders table matches the 201s one to one.
 */
class FlashSaleIT {

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("e2e", 2);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void twentyThousandRequestsFromFiveThousandUsersBuyExactlyTheStock() {
        api.createSale("big", "big-product", 1_000, 10, 3);
        Random random = new Random(42);
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int request = 0; request < 20_000; request++) {
            plan.add(new Ledger.Purchase("user-" + (request % 5_000), 1 + random.nextInt(3), null));
        }
        Collections.shuffle(plan, random);

        long started = System.nanoTime();
        Ledger ledger = Ledger.run(api, "big", plan, 48);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ledger.countByStatus().keySet()).containsOnly(201, 409);
        assertThat(ledger.countByProblem().keySet())
                .containsOnly("urn:flashsale:problem:sold-out", "urn:flashsale:problem:purchase-limit");
        assertThat(ledger.acceptedUnits()).isEqualTo(1_000);
        assertThat(ledger.unitsByUser().values()).allSatisfy(units -> assertThat(units).isBetween(1, 3));

        for (int i = 0; i < 500; i++) {
            api.tokenOf("late-" + i); // minted before the count: the requests come as fast as a sold-out rush
        }
        double before = gridCalls();
        for (int i = 0; i < 500; i++) {
            assertThat(api.purchase("big", "late-" + i, 1, null).problemType())
                    .isEqualTo("urn:flashsale:problem:sold-out");
        }
        double perLateRequest = (gridCalls() - before) / 500;
        System.out.printf("FlashSaleIT: after the sell-out, %.3f grid calls per purchase request%n", perLateRequest);
        assertThat(perLateRequest).as("sold out: answered from what this node saw").isLessThan(0.2);

        api.flush();
        Api.Response audit = api.audit("big");
        assertThat(audit.number("sold")).isEqualTo(1_000);
        assertThat(audit.number("remaining")).isZero();
        assertThat(audit.number("pendingWrites")).isZero();
        assertThat(audit.number("unitsInDatabase")).isEqualTo(1_000);
        assertThat(audit.number("ordersInDatabase")).isEqualTo(ledger.accepted().size());
        assertThat(audit.number("ordersInGrid")).isEqualTo(ledger.accepted().size());

        Map<String, OrdersTable.Row> rows = OrdersTable.ofSale(sut.database, "big");
        Map<String, Ledger.Attempt> answered = ledger.acceptedByOrderId();
        assertThat(rows.keySet()).isEqualTo(answered.keySet());
        answered.forEach((orderId, attempt) -> assertThat(rows.get(orderId)).isEqualTo(new OrdersTable.Row(
                attempt.purchase().userId(), attempt.purchase().quantity(), "ACCEPTED")));

        System.out.printf("FlashSaleIT: %d requests, %d users, %d x 201 (%d units), statuses %s, "
                        + "%d rows in orders, wall %d ms (%.0f requests/s)%n", plan.size(), 5_000,
                ledger.accepted().size(), ledger.acceptedUnits(), ledger.countByStatus(), rows.size(), wallMillis,
                plan.size() * 1000.0 / wallMillis);
    }

    @Test
    void concurrentPurchasesShareGridCalls() {
        api.createSale("together", "together-product", 100_000, 10, 1);
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            plan.add(new Ledger.Purchase("together-" + i, 1, null));
        }
        double before = gridCalls();
        Ledger ledger = Ledger.run(api, "together", plan, 32);
        double perPurchase = (gridCalls() - before) / ledger.accepted().size();

        System.out.printf("FlashSaleIT: 32 callers at once, grid calls per accepted purchase %.2f%n", perPurchase);
        assertThat(ledger.accepted()).hasSize(2_000);
        assertThat(perPurchase).as("purchases that arrive together are run as one batch").isLessThan(1.0);
    }

    @Test
    void aLonePurchaseCostsOneGridCallAndFourWithAnIdempotencyKey() {
        api.createSale("ample", "ample-product", 100_000, 10, 1);
        double before = gridCalls();
        for (int i = 0; i < 200; i++) {
            assertThat(api.purchase("ample", "plain-" + i, 1, null).status()).isEqualTo(201);
        }
        double plain = (gridCalls() - before) / 200;
        before = gridCalls();
        for (int i = 0; i < 200; i++) {
            assertThat(api.purchase("ample", "keyed-" + i, 1, "key-" + i).status()).isEqualTo(201);
        }
        double keyed = (gridCalls() - before) / 200;

        System.out.printf("FlashSaleIT: grid calls per accepted purchase %.2f, with an Idempotency-Key %.2f%n",
                plain, keyed);
        assertThat(plain).as("its claim, its units and its order in its home segment, in one call").isEqualTo(1.0);
        assertThat(keyed).isEqualTo(4.0);
    }

    private static double gridCalls() {
        Api.Response metric = api.get("/actuator/metrics/flashsale.purchase.grid.calls");
        return metric.body().get("measurements").get(0).get("value").asDouble();
    }
}
