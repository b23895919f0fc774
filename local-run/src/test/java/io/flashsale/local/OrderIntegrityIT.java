package io.flashsale.local;

import io.flashsale.model.MapNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purchase never replaces or changes an existing order: Idempotency-Keys are the buyer's own, a forgotten key
 * buys anew under a new order id, and concurrent identical requests or cancels answer once (API.md).
 */
class OrderIntegrityIT {

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("order-integrity", 2);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    /** What the grid forgets when a key's 24 hours pass, or at a full restart. */
    private static void forgetIdempotencyKeys() {
        sut.system.members().get(0).hazelcast().getMap(MapNames.IDEMPOTENCY_KEYS).clear();
    }

    @Test
    void aForgottenKeyBuysAnewAndLeavesThePaidOrderAsItWas() {
        api.createSale("forgotten", "forgotten-product", 20, 2, 2);
        Api.Response first = api.purchase("forgotten", "alice", 1, "key-1");
        assertThat(first.status()).isEqualTo(201);
        String paidId = first.text("orderId");
        Api.Response paid = api.post("/api/orders/" + paidId + "/payment", "{\"paymentRef\":\"pay-alice\"}",
                api.admin());
        assertThat(paid.status()).isEqualTo(200);

        // Keys are per buyer: bob's key-1 is not alice's.
        Api.Response bobs = api.purchase("forgotten", "bob", 1, "key-1");
        assertThat(bobs.status()).as("another buyer's key of the same name: " + bobs).isEqualTo(201);
        assertThat(bobs.text("orderId")).isNotEqualTo(paidId);
        // carol takes her whole limit under one key.
        assertThat(api.purchase("forgotten", "carol", 2, "key-2").status()).isEqualTo(201);

        forgetIdempotencyKeys();

        Api.Response again = api.purchase("forgotten", "alice", 1, "key-1");
        assertThat(again.status()).as("a forgotten key is a new purchase").isEqualTo(201);
        assertThat(again.text("orderId")).as("a new order id").isNotEqualTo(paidId);
        Api.Response limit = api.purchase("forgotten", "carol", 2, "key-2");
        assertThat(limit.status()).as("carol's limit is still taken: " + limit).isEqualTo(409);
        assertThat(limit.problemType()).isEqualTo("urn:flashsale:problem:purchase-limit");

        Api.Response paidAfter = api.get("/api/orders/" + paidId, api.admin());
        assertThat(paidAfter.text("status")).isEqualTo("PAID");
        assertThat(paidAfter.text("userId")).isEqualTo("alice");

        api.flush();
        Map<String, OrdersTable.Row> rows = OrdersTable.ofSale(sut.database, "forgotten");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(paidId)).isEqualTo(new OrdersTable.Row("alice", 1, "PAID"));
        Api.Response audit = api.audit("forgotten");
        assertThat(audit.number("sold")).isEqualTo(5);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(5);
        assertThat(audit.number("remaining")).isEqualTo(15);
    }

    @Test
    void concurrentIdenticalKeyedPurchasesAnswer201Once() throws Exception {
        api.createSale("same-key", "same-key-product", 100, 4, 5);
        for (int round = 0; round < 3; round++) {
            String key = "together-" + round;
            List<Api.Response> answers = together(20, () -> api.purchase("same-key", "eager", 1, key));
            Map<Integer, Integer> statuses = statuses(answers);
            assertThat(statuses.get(201)).as("round %d: %s", round, statuses).isEqualTo(1);
            assertThat(statuses.keySet()).as("round %d", round).containsAnyOf(200, 503).isSubsetOf(201, 200, 503);
            assertThat(answers.stream().filter(a -> a.status() < 300).map(a -> a.text("orderId")).distinct())
                    .hasSize(1);
        }
        api.flush();
        assertThat(OrdersTable.ofSale(sut.database, "same-key")).hasSize(3);
        assertThat(api.audit("same-key").number("sold")).isEqualTo(3);
    }

    @Test
    void concurrentCancelsOfOneOrderAnswer200Once() throws Exception {
        api.createSale("cancels", "cancels-product", 10, 2, 5);
        for (int round = 0; round < 3; round++) {
            String orderId = api.purchase("cancels", "undecided", 1, null).text("orderId");
            List<Api.Response> answers = together(20, () -> api.post("/api/orders/" + orderId + "/cancel", null));
            Map<Integer, Integer> statuses = statuses(answers);
            assertThat(statuses).as("round %d", round).isEqualTo(Map.of(200, 1, 409, 19));
            assertThat(answers.stream().filter(a -> a.status() == 409).map(Api.Response::problemType).distinct())
                    .containsExactly("urn:flashsale:problem:order-not-cancellable");
        }
        api.flush();
        Api.Response audit = api.audit("cancels");
        assertThat(audit.number("sold")).isZero();
        assertThat(audit.number("remaining")).as("each cancelled unit came back once").isEqualTo(10);
    }

    private static Map<Integer, Integer> statuses(List<Api.Response> answers) {
        Map<Integer, Integer> statuses = new HashMap<>();
        answers.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
        return statuses;
    }

    private static List<Api.Response> together(int callers, Supplier<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> sent = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : sent) {
                answers.add(answer.get(1, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
