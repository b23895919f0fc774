package io.flashsale.purchase;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.KeyUse;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.ForgetTransfer;
import io.flashsale.model.stock.LendUnits;
import io.flashsale.model.stock.ReceiveUnits;
import io.flashsale.model.stock.ReleaseClaim;
import io.flashsale.model.stock.ReleaseReservation;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The grid steps both kinds of purchase are made of (batched and keyed), each a call that is safe to repeat: claiming
 * and releasing units of the per-user limit, walking the segments for units, giving them back, and settling an order
 * whose store had an unknown outcome. Also this client's hints of empty segments, which the steps keep up to date.
 */
final class PurchaseSteps {

    private static final Logger log = LoggerFactory.getLogger(PurchaseSteps.class);

    final IMap<String, KeyUse> idempotencyKeys;
    final IMap<StockKey, StockSegment> stock;
    final IMap<OrderKey, Order> orders;
    final SegmentHints hints = new SegmentHints();
    final BackgroundRetries retries = new BackgroundRetries();
    /** The client, for serializing orders once ({@code SerializedOrders}). */
    final HazelcastInstance hazelcast;
    private final GridCallListener onGridCall;

    PurchaseSteps(HazelcastInstance hazelcast, GridCallListener onGridCall) {
        this.hazelcast = hazelcast;
        this.idempotencyKeys = hazelcast.getMap(MapNames.IDEMPOTENCY_KEYS);
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.onGridCall = onGridCall;
    }

    /**
     * The checks a purchase passes without a grid call: the sale's window, then whether this client saw every
     * segment empty a moment ago. Null when neither refuses it.
     */
    PurchaseResult.@Nullable Outcome refusalWithoutGrid(Sale sale) {
        if (!sale.isOpenAt(System.currentTimeMillis())) {
            return PurchaseResult.Outcome.NOT_ACTIVE;
        }
        for (int s = 0; s < sale.segments(); s++) {
            if (!hints.seenEmpty(sale.stockKey(s))) {
                return null;
            }
        }
        return PurchaseResult.Outcome.SOLD_OUT;
    }

    /** A grid call of the purchase path, reported (round trips, latency) and retried when it failed in passing. */
    <T> T call(String what, Supplier<T> call) {
        return GridCalls.idempotent(what, () -> {
            long start = System.nanoTime();
            try {
                return call.get();
            } finally {
                onGridCall.ended(what, System.nanoTime() - start);
            }
        });
    }

    /**
     * Claims units for requests whose buyers share the home segment {@code home}, in one call (it answers once its
     * backup has the change); the outcomes come in the claims' order. A failed call's claims may have been made on
     * one replica: the caller releases them.
     */
    ClaimUnits.Outcome[] claim(StockKey home, ClaimUnits claims) {
        int[] codes = call("claiming units", () -> stock.executeOnKey(home, claims));
        ClaimUnits.Outcome[] outcomes = new ClaimUnits.Outcome[codes.length];
        for (int i = 0; i < codes.length; i++) {
            outcomes[i] = ClaimUnits.Outcome.of(codes[i]);
        }
        return outcomes;
    }

    /** Frees the claims of failed requests on their home; tried again in the background while the grid fails. */
    void releaseClaims(StockKey home, String[] userIds, String[] requestIds) {
        ReleaseClaim release = new ReleaseClaim(userIds, requestIds);
        try {
            call("releasing claim", () -> stock.executeOnKey(home, release));
        } catch (GridCallFailed e) {
            log.warn("Could not release the claims of {} failed purchases on {} yet; trying again",
                    requestIds.length, home, e);
            retries.later("Releasing the claims of " + requestIds.length + " requests on " + home,
                    () -> stock.executeOnKey(home, release));
        }
    }

    /**
     * Walks the segments from one picked by the request's hash (so a retry walks the same way) and takes units
     * until the quantity is covered, recording the units taken per segment in {@code taken}. Segments already in
     * {@code taken} are skipped: the request's journal entry there would answer with the units it holds already.
     * A segment whose call fails is recorded with 0 units before the failure propagates, so that it is released
     * too.
     */
    void reserve(Sale sale, long requestHash, int quantity, boolean useHints, Map<Integer, Integer> taken) {
        int segments = sale.segments();
        int start = (int) Math.floorMod(requestHash, (long) segments);
        int needed = quantity;
        for (int i = 0; i < segments && needed > 0; i++) {
            StockKey key = sale.stockKey((start + i) % segments);
            if (taken.containsKey(key.segment()) || useHints && hints.seenEmpty(key)) {
                continue;
            }
            int wanted = needed;
            taken.put(key.segment(), 0);
            Reservation reservation = call("reserving stock",
                    () -> stock.executeOnKey(key, new TryReserve(requestHash, wanted)));
            if (reservation.units() == 0) {
                taken.remove(key.segment());
            }
            if (reservation.missing()) {
                log.warn("Stock segment {} is in neither the grid nor the database", key);
                continue;
            }
            hints.observed(key, reservation.remaining());
            if (reservation.units() > 0) {
                int units = Math.min(reservation.units(), needed);
                taken.put(key.segment(), units);
                needed -= units;
            }
        }
    }

    /** Gives back what the request took in the segments of {@code taken} (idempotent, by the request's hash). */
    void releaseStock(Sale sale, long requestHash, Map<Integer, Integer> taken) {
        for (int segment : taken.keySet()) {
            StockKey key = sale.stockKey(segment);
            try {
                call("releasing stock", () -> stock.executeOnKey(key, new ReleaseReservation(requestHash)));
                hints.observed(key, 1);
            } catch (GridCallFailed e) {
                // Not tried again later: the failed attempts may have given the units back on one replica that a
                // split-brain merge brings back, and a second give-back on the other would then count twice.
                log.warn("Could not give back the units of request {} in {}; they stay held", requestHash, key, e);
            }
        }
    }

    /**
     * Settles an order whose store failed in a way that leaves its outcome unknown (a backup did not acknowledge,
     * the owner left mid-call): it may sit on one replica only, on a member cut off by a partition that merges
     * back later. Rolling back instead (units and claim given back when a read finds no order) sells units twice and
     * lets a buyer past the limit when such a replica merges back (docs/decisions). So the order is completed: stored
     * again with {@code putIfAbsent}, which answers the order if the grid has it, and is acknowledged by its backup
     * either way. Returns the stored order, or null while the grid keeps failing: the buyer gets a 503 (an unknown
     * outcome to them), the order is stored again in the background, and its units and claim stay taken for it.
     */
    @Nullable Order completeUnknownOrder(Order order, String requestId) {
        OrderKey key = new OrderKey(order.orderId());
        try {
            Order existing = call("storing order again", () -> orders.putIfAbsent(key, order));
            Order stored = existing == null ? order : existing;
            return stored.sameRequestAs(requestId) ? stored : null;
        } catch (GridCallFailed e) {
            log.warn("Order {} of request {}: not known to be stored; storing it again in the background (its units"
                    + " and claim stay taken for it)", order.orderId(), requestId, e);
            retries.later("Storing order " + order.orderId() + " again", () -> orders.putIfAbsent(key, order));
            return null;
        }
    }

    /**
     * Keeps a home segment stocked, so that its batches stay one call: when it has less than half its initial share
     * left, one of the sale's other segments (not seen empty) lends it all it has ({@link LendUnits}), and this client
     * delivers the units at once ({@link ReceiveUnits}, {@link ForgetTransfer}): units in transit are in no segment,
     * and a buyer asking then would be told the sale is sold out. Called by the home's batch lane, which runs one
     * batch at a time, so a client asks for one home once at a time. A failed call is not tried again: the lender's member delivers what it lent within about a second
     * ({@code OutboxMover}), and the next batch asks again.
     */
    void refillIfLow(Sale sale, StockKey home, int remaining) {
        int homes = Math.min(Sale.HOMES, sale.segments());
        if (sale.segments() == homes || remaining * 2 >= sale.initialUnitsOf(home.segment())) {
            return;
        }
        int others = sale.segments() - homes;
        int start = ThreadLocalRandom.current().nextInt(others);
        for (int i = 0; i < others; i++) {
            StockKey lender = sale.stockKey(homes + (start + i) % others);
            if (hints.seenEmpty(lender)) {
                continue;
            }
            long transfer = StockSegment.hashOf("transfer/" + UUID.randomUUID());
            try {
                int lent = call("lending units", () -> stock.executeOnKey(lender,
                        new LendUnits(transfer, home.segment(), Integer.MAX_VALUE)));
                hints.observed(lender, 0); // it lent all it had, or had nothing
                if (lent > 0) {
                    call("receiving units", () -> stock.executeOnKey(home, new ReceiveUnits(transfer, lent)));
                    hints.observed(home, lent);
                    call("forgetting a transfer", () -> stock.executeOnKey(lender, new ForgetTransfer(transfer)));
                    return;
                }
            } catch (GridCallFailed e) {
                log.warn("Could not ask {} to lend units to {}; the next batch asks again", lender, home, e);
                return;
            }
        }
    }

    static int units(Map<Integer, Integer> taken) {
        int units = 0;
        for (int segmentUnits : taken.values()) {
            units += segmentUnits;
        }
        return units;
    }
}
