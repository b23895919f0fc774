package io.flashsale.local;

import io.flashsale.gridnode.GridMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unpaid orders expire and their units are sold again, over HTTP with three members and MySQL, with a payment
 * window of seconds. A member (the oldest, which also runs the database sweep) is killed while the expiries are due:
 * they still happen, once each.
 */
class OrderExpiryIT {

    /** Long enough for the purchases, payments and cancels before it to finish on a slow 2-core machine. */
    private static final String WINDOW = "PT20S";

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        Map<String, Object> appNode = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        appNode.put("flashsale.payment-window", WINDOW);
        sut = TestSystem.start("expiry", 3, appNode, Map.of("FLASHSALE_PAYMENT_WINDOW", WINDOW));
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void unpaidOrdersExpireAndTheirUnitsAreSoldAgainOnceEvenWhenAMemberDies() {
        api.createSale("expiring", "expiring-product", 300, 10, 1);
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            plan.add(new Ledger.Purchase("first-" + i, 1, null));
        }
        Ledger first = Ledger.run(api, "expiring", plan, 16);
        assertThat(first.acceptedUnits()).isEqualTo(300);
        assertThat(api.purchase("expiring", "late", 1, null).problemType())
                .isEqualTo("urn:flashsale:problem:sold-out");

        List<String> orderIds = new ArrayList<>(first.acceptedByOrderId().keySet());
        Collections.shuffle(orderIds, new Random(3));
        List<String> paid = orderIds.subList(0, 180);
        List<String> cancelled = orderIds.subList(180, 200);
        List<String> unpaid = orderIds.subList(200, 300);
        assertThat(payAll(paid)).containsOnly(200);
        for (String orderId : cancelled) {
            Api.Response cancel = api.post("/api/orders/" + orderId + "/cancel", null);
            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.text("status")).isEqualTo("CANCELLED");
        }
        assertThat(api.post("/api/orders/" + cancelled.get(0) + "/cancel", null).problemType())
                .isEqualTo("urn:flashsale:problem:order-not-cancellable");
        assertThat(pay(cancelled.get(0)).problemType()).isEqualTo("urn:flashsale:problem:order-not-payable");
        assertThat(api.post("/api/orders/" + paid.get(0) + "/cancel", null).status()).isEqualTo(409);
        // Back at once in the grid; a sale's remaining may lag a second (API.md).
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get("/api/sales/expiring").number("remaining")).isEqualTo(20));

        // The oldest member sweeps the database too; it dies before the payment window has passed.
        GridMember oldest = sut.system.members().get(0);
        oldest.terminate();

        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/api/sales/expiring").number("remaining")).isEqualTo(120));
        System.out.printf("OrderExpiryIT: 100 unpaid orders expired and their units back %d ms after the member"
                + " died (window %s)%n", (System.nanoTime() - killed) / 1_000_000, WINDOW);
        for (String orderId : unpaid) {
            assertThat(api.get("/api/orders/" + orderId).text("status")).isEqualTo("EXPIRED");
            assertThat(pay(orderId).problemType()).isEqualTo("urn:flashsale:problem:order-not-payable");
        }

        Map<String, String> userOfOrder = first.acceptedByOrderId().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().purchase().userId()));
        // Units are there again; a buyer who paid has used the limit (1).
        assertThat(api.purchase("expiring", userOfOrder.get(paid.get(0)), 1, null).problemType())
                .isEqualTo("urn:flashsale:problem:purchase-limit");

        // Sold again: to 50 buyers whose orders expired and 10 who cancelled (their limit slots are free again: no
        // purchase-limit answer below) and to new buyers.
        List<Ledger.Purchase> second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            second.add(new Ledger.Purchase(userOfOrder.get(unpaid.get(i)), 1, null));
        }
        for (int i = 0; i < 10; i++) {
            second.add(new Ledger.Purchase(userOfOrder.get(cancelled.get(i)), 1, null));
        }
        for (int i = 0; i < 90; i++) {
            second.add(new Ledger.Purchase("second-" + i, 1, null));
        }
        Ledger again = Ledger.run(api, "expiring", second, 16);
        assertThat(again.acceptedUnits()).as("exactly the returned units are sold again").isEqualTo(120);
        assertThat(again.countByProblem()).containsOnlyKeys("urn:flashsale:problem:sold-out");
        assertThat(payAll(new ArrayList<>(again.acceptedByOrderId().keySet()))).containsOnly(200);

        api.flush();
        Api.Response audit = api.audit("expiring");
        assertThat(audit.number("sold")).isEqualTo(300);
        assertThat(audit.number("remaining")).isZero();
        assertThat(audit.number("unitsInDatabase")).isEqualTo(300);
        Map<String, OrdersTable.Row> rows = OrdersTable.ofSale(sut.database, "expiring");
        Map<String, Long> byStatus = rows.values().stream()
                .collect(Collectors.groupingBy(OrdersTable.Row::status, Collectors.counting()));
        System.out.printf("OrderExpiryIT: orders table after the sale: %s%n", byStatus);
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of("PAID", 300L, "EXPIRED", 100L,
                "CANCELLED", 20L));
        assertThat(paid.stream().map(rows::get).map(OrdersTable.Row::status))
                .allMatch("PAID"::equals);
        assertThat(unpaid.stream().map(rows::get).map(OrdersTable.Row::status)).allMatch("EXPIRED"::equals);
        assertThat(cancelled.stream().collect(Collectors.toMap(Function.identity(), id -> rows.get(id).status())))
                .allSatisfy((id, status) -> assertThat(status).isEqualTo("CANCELLED"));
    }

    /**
     * Pays the orders from 16 threads and returns the answers' statuses: paid one by one they took longer than the
     * payment window on a slow machine, and the first ones expired before the test expected them to.
     */
    private static List<Integer> payAll(List<String> orderIds) {
        ExecutorService payers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String orderId : orderIds) {
                answers.add(payers.submit(() -> pay(orderId).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("paying failed", e);
        } finally {
            payers.shutdownNow();
        }
    }

    private static Api.Response pay(String orderId) {
        return api.post("/api/orders/" + orderId + "/payment", "{\"paymentRef\":\"ref-" + orderId + "\"}");
    }
}
