package io.flashsale.purchase;

import io.flashsale.model.catalog.Sale;
import io.flashsale.model.claim.ClaimGroupKey;
import io.flashsale.model.claim.ClaimUnits;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.order.SerializedOrders;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserveForBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A batch of purchases without an Idempotency-Key, all of one sale's claim group and each by another buyer (see
 * {@link PurchaseBatches}), in two grid calls whatever its size: the claims on the group's entry, then the units
 * from one segment, whose processor records the orders of the purchases it covers in the segment's outbox in the
 * same change. Each call answers once its synchronous backup has the change. A purchase the segment could not cover
 * walks the other segments on its own, and its order is stored in the {@code orders} map by a third call.
 */
final class BatchPurchase {

    private static final Logger log = LoggerFactory.getLogger(BatchPurchase.class);

    private final PurchaseSteps steps;

    BatchPurchase(PurchaseSteps steps) {
        this.steps = steps;
    }

    /**
     * Runs the batch and answers every purchase of it. It uses its first purchase's sale record (limit, segments):
     * they are the same sale, and a change to it races with purchases anyway.
     */
    void run(List<Pending> batch) {
        Sale sale = batch.get(0).request().sale();
        ClaimGroupKey group = ClaimGroupKey.of(sale.saleId(), batch.get(0).request().userId());
        StockKey segment = someSegmentNotSeenEmpty(sale);
        // The orders the segment records share its partition token, so each lands in its segment's partition.
        String orderIdPrefix = segment != null ? segment.partitionToken() : OrderIds.newPrefix();
        for (Pending p : batch) {
            p.requestId = OrderIds.withPrefix(orderIdPrefix); // the order id too, as without an Idempotency-Key
            p.requestHash = StockSegment.hashOf(p.requestId);
        }

        String[] users = userIds(batch);
        String[] ids = requestIds(batch);
        ClaimUnits.Outcome[] claimed;
        try {
            claimed = steps.claim(group, new ClaimUnits(users, ids,
                    batch.stream().mapToInt(p -> p.request().quantity()).toArray(), sale.perUserLimit()));
        } catch (GridCallFailed e) {
            steps.releaseClaims(group, users, ids);
            batch.forEach(p -> p.fail(e));
            return;
        }
        List<Pending> reserving = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (claimed[i] == ClaimUnits.Outcome.LIMIT_REACHED) {
                p.answer(PurchaseResult.refused(PurchaseResult.Outcome.LIMIT_REACHED));
            } else {
                p.useHints = claimed[i] == ClaimUnits.Outcome.CLAIMED; // else a retried call's own
                reserving.add(p);
            }
        }

        long now = System.currentTimeMillis();
        Order[] recorded = reserveForBatch(sale, segment, group, reserving, now);
        List<Pending> covered = new ArrayList<>(reserving.size());
        List<Pending> refused = new ArrayList<>();
        for (int i = 0; i < reserving.size(); i++) {
            Pending p = reserving.get(i);
            if (p.answered()) {
                continue;
            }
            if (recorded[i] != null) {
                p.answer(new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, recorded[i]));
                continue;
            }
            int needed = p.request().quantity() - PurchaseSteps.units(p.taken);
            try {
                if (needed > 0) {
                    steps.reserve(sale, p.requestHash, needed, p.useHints, p.taken);
                }
            } catch (GridCallFailed e) {
                steps.releaseStock(sale, p.requestHash, p.taken);
                refused.add(p);
                p.fail(e);
                continue;
            }
            if (PurchaseSteps.units(p.taken) < p.request().quantity()) {
                steps.releaseStock(sale, p.requestHash, p.taken);
                refused.add(p);
                p.answer(PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT));
            } else {
                covered.add(p);
            }
        }
        if (!refused.isEmpty()) {
            steps.releaseClaims(group, userIds(refused), requestIds(refused));
        }
        if (!covered.isEmpty()) {
            storeOrders(sale, covered, now);
        }
    }

    /** Stores the orders of the purchases that walked the segments in one call, and answers them. */
    private void storeOrders(Sale sale, List<Pending> covered, long now) {
        Map<OrderKey, Order> newOrders = new HashMap<>();
        for (Pending p : covered) {
            newOrders.put(new OrderKey(p.requestId), orderOf(sale, p, Allocation.format(p.taken), now));
        }
        try {
            // setAll, not putAll: putAll reads the keys through from MySQL first. The ids are new. From a client,
            // setAll of keys in one partition is one put-all operation that waits for its backup
            // (BackupAcknowledgementIT).
            steps.call("storing orders", () -> {
                steps.orders.setAll(newOrders);
                return null;
            });
            for (Pending p : covered) {
                p.answer(new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, newOrders.get(new OrderKey(p.requestId))));
            }
        } catch (GridCallFailed e) {
            for (Pending p : covered) {
                Order stored = steps.completeUnknownOrder(newOrders.get(new OrderKey(p.requestId)), p.requestId);
                if (stored == null) {
                    p.fail(e);
                } else {
                    p.answer(new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, stored));
                }
            }
        }
    }

    /**
     * Takes the batch's units from {@code key} (a random segment not seen empty, so batches spread over the segments)
     * in one call, which also records in the segment's outbox the order of each purchase it covers in full: those
     * purchases are done, and their orders are returned at their index (null for the others). Records what each
     * purchase got in its {@code taken}; fails and releases them all (claims included) when the call fails.
     */
    private Order[] reserveForBatch(Sale sale, @Nullable StockKey key, ClaimGroupKey group, List<Pending> reserving,
                                    long now) {
        Order[] recorded = new Order[reserving.size()];
        if (reserving.isEmpty() || key == null) {
            return recorded; // with no segment, every purchase walks (and finds the sale sold out) on its own
        }
        long[] hashes = new long[reserving.size()];
        int[] wanted = new int[reserving.size()];
        Order[] orders = new Order[reserving.size()];
        String allocation = key.segment() + ":";
        for (int i = 0; i < hashes.length; i++) {
            Pending p = reserving.get(i);
            hashes[i] = p.requestHash;
            wanted[i] = p.request().quantity();
            orders[i] = orderOf(sale, p, allocation + wanted[i], now);
        }
        OrderChunk serialized = SerializedOrders.chunkOf(steps.hazelcast, Arrays.asList(orders));
        TryReserveForBatch batchCall = new TryReserveForBatch(hashes, wanted, serialized);
        TryReserveForBatch.Result result;
        try {
            result = steps.call("reserving stock", () -> steps.stock.executeOnKey(key, batchCall));
        } catch (GridCallFailed e) {
            // The change may have been made on the owner (its backup unacknowledged) and its orders moved from the
            // outbox later, so it is completed rather than undone, like an order whose store failed: the same call
            // again in the background (a repeat changes nothing), then what it did not cover is given back. The
            // buyers get 503 meanwhile; those covered have their order once it lands.
            log.warn("A batch of {} purchases in {} has an unknown outcome; completing it in the background",
                    hashes.length, key, e);
            steps.retries.later("Completing a batch of " + hashes.length + " purchases in " + key,
                    () -> complete(sale, key, group, batchCall, reserving));
            reserving.forEach(p -> p.fail(e));
            return recorded;
        }
        if (result.missing()) {
            log.warn("Stock segment {} is in neither the grid nor the database", key);
            return recorded;
        }
        steps.hints.observed(key, result.remaining());
        for (int i = 0; i < hashes.length; i++) {
            if (result.units()[i] == wanted[i]) {
                recorded[i] = orders[i];
            } else if (result.units()[i] > 0) {
                reserving.get(i).taken.put(key.segment(), result.units()[i]);
            }
        }
        return recorded;
    }

    /**
     * Makes a batch call whose outcome was unknown again, then gives back the units and claims of the purchases it
     * did not cover in full: no order was recorded for them, nor will be (a repeat of the call adds none).
     */
    private void complete(Sale sale, StockKey key, ClaimGroupKey group, TryReserveForBatch batchCall,
                          List<Pending> purchases) {
        TryReserveForBatch.Result result = steps.call("reserving stock",
                () -> steps.stock.executeOnKey(key, batchCall));
        List<Pending> uncovered = new ArrayList<>();
        for (int i = 0; i < purchases.size(); i++) {
            Pending p = purchases.get(i);
            if (result.missing() || result.units()[i] < p.request().quantity()) {
                uncovered.add(p);
                if (!result.missing() && result.units()[i] > 0) {
                    steps.releaseStock(sale, p.requestHash, Map.of(key.segment(), result.units()[i]));
                }
            }
        }
        if (!uncovered.isEmpty()) {
            steps.releaseClaims(group, userIds(uncovered), requestIds(uncovered));
        }
    }

    private static Order orderOf(Sale sale, Pending p, String allocation, long now) {
        return new Order(p.requestId, sale.saleId(), p.request().userId(), p.request().quantity(),
                OrderStatus.ACCEPTED, now, null, allocation, null, now);
    }

    private @Nullable StockKey someSegmentNotSeenEmpty(Sale sale) {
        int segments = sale.segments();
        int start = ThreadLocalRandom.current().nextInt(segments);
        for (int i = 0; i < segments; i++) {
            StockKey key = sale.stockKey((start + i) % segments);
            if (!steps.hints.seenEmpty(key)) {
                return key;
            }
        }
        return null;
    }

    private static String[] userIds(List<Pending> purchases) {
        return purchases.stream().map(p -> p.request().userId()).toArray(String[]::new);
    }

    private static String[] requestIds(List<Pending> purchases) {
        return purchases.stream().map(p -> p.requestId).toArray(String[]::new);
    }
}
