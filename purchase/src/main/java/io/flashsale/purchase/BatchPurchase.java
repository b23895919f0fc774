package io.flashsale.purchase;

import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.order.SerializedOrders;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserveForBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of purchases without an Idempotency-Key, all of one sale's home segment and each by another buyer (see
 * {@link PurchaseBatches}), in one grid call whatever its size while the home has stock: on the home segment, which
 * holds its buyers' claims, one processor claims each purchase's units of the per-user limit, takes the units and
 * records the orders of the purchases it covers in the segment's outbox, all in one change with one backup. A
 * purchase the home could not cover walks the other segments on its own, and its order is stored in the
 * {@code orders} map by one more call for the batch.
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
        StockKey home = sale.homeOf(batch.get(0).request().userId());
        // The orders the home records share its partition token, so each lands in its segment's partition.
        String orderIdPrefix = home.partitionToken();
        for (Pending p : batch) {
            p.requestId = OrderIds.withPrefix(orderIdPrefix); // the order id too, as without an Idempotency-Key
            p.requestHash = StockSegment.hashOf(p.requestId);
        }

        long now = System.currentTimeMillis();
        AtHome atHome = buyAtHome(sale, home, batch, now);
        Order[] recorded = atHome.recorded();
        int homeLeft = atHome.remaining();
        List<Pending> covered = new ArrayList<>(batch.size());
        List<Pending> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
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
            steps.releaseClaims(home, userIds(refused), requestIds(refused));
        }
        if (!covered.isEmpty()) {
            storeOrders(sale, covered, now);
        }
        if (homeLeft >= 0) {
            steps.refillIfLow(sale, home, homeLeft); // every buyer answered: only the lane's next batch waits
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
     * The batch's call on its home segment: claims, units and, for each purchase it covers in full, its order in the
     * home's outbox. Those purchases are done, and their orders are returned at their index (null for the others).
     * Answers the purchases refused by the limit, and those of a sale whose home segment is gone; records in
     * {@code taken} what the others got here. When the call fails, fails them all and completes it in the background.
     */
    private AtHome buyAtHome(Sale sale, StockKey home, List<Pending> batch, long now) {
        int n = batch.size();
        Order[] recorded = new Order[n];
        long[] hashes = new long[n];
        int[] wanted = new int[n];
        Order[] orders = new Order[n];
        String allocation = home.segment() + ":";
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            hashes[i] = p.requestHash;
            wanted[i] = p.request().quantity();
            orders[i] = orderOf(sale, p, allocation + wanted[i], now);
        }
        ClaimUnits.Claims claims = new ClaimUnits.Claims(userIds(batch), requestIds(batch), wanted,
                sale.perUserLimit());
        OrderChunk serialized = SerializedOrders.chunkOf(steps.hazelcast, Arrays.asList(orders));
        TryReserveForBatch batchCall = new TryReserveForBatch(claims, hashes, wanted, serialized);
        TryReserveForBatch.Result result;
        try {
            result = steps.call("purchasing at home", () -> steps.stock.executeOnKey(home, batchCall));
        } catch (GridCallFailed e) {
            if (e.notApplied()) {
                batch.forEach(p -> p.fail(e)); // refused before anything was taken: nothing to give back
                return new AtHome(recorded, -1);
            }
            // The change may have been made on the owner (its backup unacknowledged) and its orders moved from the
            // outbox later, so it is completed rather than undone, like an order whose store failed: the same call
            // again in the background (a repeat changes nothing), then what it did not cover is given back. The
            // buyers get 503 meanwhile; those covered have their order once it lands.
            log.warn("A batch of {} purchases in {} has an unknown outcome; completing it in the background",
                    n, home, e);
            steps.retries.later("Completing a batch of " + n + " purchases in " + home,
                    () -> complete(sale, home, batchCall, batch));
            batch.forEach(p -> p.fail(e));
            return new AtHome(recorded, -1);
        }
        if (result.missing()) {
            log.warn("Home segment {} is in neither the grid nor the database", home);
            batch.forEach(p -> p.answer(PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT)));
            return new AtHome(recorded, -1);
        }
        steps.hints.observed(home, result.remaining());
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            ClaimUnits.Outcome claim = ClaimUnits.Outcome.of(result.claims()[i]);
            if (claim == ClaimUnits.Outcome.LIMIT_REACHED) {
                p.answer(PurchaseResult.refused(PurchaseResult.Outcome.LIMIT_REACHED));
            } else if (result.units()[i] == wanted[i]) {
                recorded[i] = orders[i];
            } else {
                p.useHints = claim == ClaimUnits.Outcome.CLAIMED; // else a retried call's own: walk every segment
                if (result.units()[i] > 0) {
                    p.taken.put(home.segment(), result.units()[i]);
                }
            }
        }
        return new AtHome(recorded, result.remaining());
    }

    /** What the call at home did: the orders it recorded (null where none), and the units left there (-1: unknown). */
    private record AtHome(Order[] recorded, int remaining) {
    }

    /**
     * Makes a batch call whose outcome was unknown again, then gives back the units and claims of the purchases it
     * did not cover in full: no order was recorded for them, nor will be (a repeat of the call adds none). A purchase
     * refused by the limit holds no claim under its request id, so its release changes nothing.
     */
    private void complete(Sale sale, StockKey key, TryReserveForBatch batchCall, List<Pending> purchases) {
        TryReserveForBatch.Result result = steps.call("purchasing at home",
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
            steps.releaseClaims(key, userIds(uncovered), requestIds(uncovered));
        }
    }

    private static Order orderOf(Sale sale, Pending p, String allocation, long now) {
        return new Order(p.requestId, sale.saleId(), p.request().userId(), p.request().quantity(),
                OrderStatus.ACCEPTED, now, null, allocation, null, now);
    }

    private static String[] userIds(List<Pending> purchases) {
        return purchases.stream().map(p -> p.request().userId()).toArray(String[]::new);
    }

    private static String[] requestIds(List<Pending> purchases) {
        return purchases.stream().map(p -> p.requestId).toArray(String[]::new);
    }
}
