package io.flashsale.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every purchase request a test sent and what came of it: the load generator's ledger that the invariants are
 * checked against. A request without an answer (connection failed) is recorded with status -1: unknown.
 */
final class Ledger {

    /** A purchase to send. */
    record Purchase(String userId, int quantity, String idempotencyKey) {
    }

    /** A request and its answer. */
    record Attempt(Purchase purchase, int status, String orderId, String problemType) {
        boolean accepted() {
            return status == 201;
        }
    }

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    /** Sends every purchase of {@code plan} with {@code threads} concurrent callers; returns when all answered. */
    static Ledger run(Api api, String saleId, List<Purchase> plan, int threads) {
        Ledger ledger = new Ledger();
        ledger.send(api, saleId, plan, threads);
        return ledger;
    }

    void send(Api api, String saleId, List<Purchase> plan, int threads) {
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Purchase purchase : plan) {
                sent.add(callers.submit(() -> attempts.add(attempt(api, saleId, purchase))));
            }
            for (Future<?> future : sent) {
                future.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("load did not complete", e);
        } finally {
            callers.shutdownNow();
        }
    }

    static Attempt attempt(Api api, String saleId, Purchase purchase) {
        try {
            Api.Response response = api.purchase(saleId, purchase.userId(), purchase.quantity(),
                    purchase.idempotencyKey());
            String orderId = response.status() < 300 ? response.text("orderId") : null;
            String type = response.status() >= 400 ? response.problemType() : null;
            return new Attempt(purchase, response.status(), orderId, type);
        } catch (RuntimeException e) {
            return new Attempt(purchase, -1, null, e.toString());
        }
    }

    Collection<Attempt> attempts() {
        return attempts;
    }

    List<Attempt> accepted() {
        return attempts.stream().filter(Attempt::accepted).toList();
    }

    int acceptedUnits() {
        return accepted().stream().mapToInt(a -> a.purchase().quantity()).sum();
    }

    Map<String, Integer> unitsByUser() {
        return accepted().stream().collect(Collectors.groupingBy(a -> a.purchase().userId(),
                Collectors.summingInt(a -> a.purchase().quantity())));
    }

    Map<Integer, Long> countByStatus() {
        return attempts.stream().collect(Collectors.groupingBy(Attempt::status, Collectors.counting()));
    }

    Map<String, Long> countByProblem() {
        return attempts.stream().filter(a -> a.problemType() != null)
                .collect(Collectors.groupingBy(Attempt::problemType, Collectors.counting()));
    }

    Map<String, Attempt> acceptedByOrderId() {
        return accepted().stream().collect(Collectors.toMap(Attempt::orderId, Function.identity()));
    }
}
