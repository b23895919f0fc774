package io.flashsale.grid.purchase;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.order.ClaimUnits;
import io.flashsale.grid.order.Order;
import io.flashsale.grid.order.OrderStatus;
import io.flashsale.grid.order.ReleaseClaim;
import io.flashsale.grid.order.UserClaim;
import io.flashsale.grid.order.UserClaimKey;
import io.flashsale.grid.sale.Allocation;
import io.flashsale.grid.sale.ReleaseReservation;
import io.flashsale.grid.sale.Reservation;
import io.flashsale.grid.sale.Sale;
import io.flashsale.grid.sale.StockKey;
import io.flashsale.grid.sale.StockSegment;
import io.flashsale.grid.sale.TryReserve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The purchase path, run by a grid client. Three grid round trips for a buyer who gets the goods, four with an
 * Idempotency-Key (whose first step is to claim the key for this request body, in a grid-only map):
 * <ol>
 *   <li>claim the units against the buyer's per-user limit ({@link ClaimUnits} on the buyer's claim entry);</li>
 *   <li>take them from a stock segment ({@link TryReserve}); an empty segment sends the request on to the next,
 *       so the sale sells out completely, and segments this client just saw empty are skipped;</li>
 *   <li>{@code set} the order, which write-behind carries to MySQL; the call returns once the order is on its
 *       owner and its synchronous backup, so an accepted order survives one member's death.</li>
 * </ol>
 * Every step is keyed by the request id and safe to repeat, so a step that failed in passing is tried again, and a
 * client retrying with the same Idempotency-Key (through any app node) completes the same purchase instead of
 * buying twice. No step reads MySQL. A failed purchase gives back what it took, unless it cannot tell whether its
 * order was stored: a unit may then stay held without an order, but is never sold twice.
 *
 * <p>Plain Java, so that the app node and the benchmarks run the same code. Thread-safe; one per client.
 */
public final class PurchaseFlow {

    private static final Logger log = LoggerFactory.getLogger(PurchaseFlow.class);

    private final IMap<String, String> idempotencyKeys;
    private final IMap<UserClaimKey, UserClaim> claims;
    private final IMap<StockKey, StockSegment> stock;
    private final IMap<String, Order> orders;
    private final SegmentHints hints = new SegmentHints();
    private final Runnable onGridCall;

    /**
     * @param onGridCall called before every grid call the flow makes (retries included), e.g. to count round trips
     */
    public PurchaseFlow(HazelcastInstance hazelcast, Runnable onGridCall) {
        this.idempotencyKeys = hazelcast.getMap(MapNames.IDEMPOTENCY_KEYS);
        this.claims = hazelcast.getMap(MapNames.CLAIMS);
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.onGridCall = onGridCall;
    }

    /**
     * Runs the purchase. Throws {@link GridCallFailed} when the grid could not answer; what the purchase took is
     * given back then, unless it cannot be told whether its order was stored (see the class comment).
     */
    public PurchaseResult purchase(PurchaseRequest request) {
        Sale sale = request.sale();
        String requestId;
        String orderId;
        if (request.idempotencyKey() != null) {
            orderId = request.keyedOrderId();
            requestId = request.keyedRequestId();
            String owner = call("claiming idempotency key",
                    () -> idempotencyKeys.putIfAbsent(request.idempotencyKey(), requestId));
            if (owner != null && !owner.equals(requestId)) {
                return PurchaseResult.refused(PurchaseResult.Outcome.KEY_REUSED);
            }
            if (owner != null) {
                Order earlier = call("reading order", () -> orders.get(orderId));
                if (earlier != null) {
                    return new PurchaseResult(PurchaseResult.Outcome.REPLAYED, earlier); // the first answer again
                }
                // The earlier attempt did not finish: go on, every step below repeats safely.
            }
        } else {
            requestId = UUID.randomUUID().toString();
            orderId = requestId;
        }
        long now = System.currentTimeMillis();
        if (!sale.isOpenAt(now)) {
            return PurchaseResult.refused(PurchaseResult.Outcome.NOT_ACTIVE);
        }
        long requestHash = hash(requestId);
        if (allSeenEmpty(sale)) {
            return PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT);
        }

        UserClaimKey claimKey = new UserClaimKey(sale.saleId(), request.userId());
        ClaimUnits.Outcome claim;
        try {
            claim = call("claiming units", () -> claims.executeOnKey(claimKey,
                    new ClaimUnits(requestId, request.quantity(), sale.perUserLimit())));
        } catch (GridCallFailed e) {
            releaseClaim(claimKey, requestId);
            throw e;
        }
        if (claim == ClaimUnits.Outcome.LIMIT_REACHED) {
            return PurchaseResult.refused(PurchaseResult.Outcome.LIMIT_REACHED);
        }

        // A request seen before (a retry) walks every segment: a hint may hide the one it reserved in.
        boolean useHints = claim == ClaimUnits.Outcome.CLAIMED;
        Map<Integer, Integer> taken = new LinkedHashMap<>();
        try {
            reserve(sale, requestHash, request.quantity(), useHints, taken);
        } catch (GridCallFailed e) {
            releaseStock(sale, requestHash, taken); // holds the segment that failed too: its fate is unknown
            releaseClaim(claimKey, requestId);
            throw e;
        }
        if (units(taken) < request.quantity()) {
            releaseStock(sale, requestHash, taken);
            releaseClaim(claimKey, requestId);
            return PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT);
        }

        Order order = new Order(orderId, sale.saleId(), request.userId(), request.quantity(), OrderStatus.ACCEPTED,
                now, requestId.equals(orderId) ? null : requestId, Allocation.format(taken), null, now);
        try {
            // set, not put or putIfAbsent: those read the key through from MySQL first, a query per purchase.
            // The order id is new (random, or owned through the idempotency key), so there is nothing to read.
            call("storing order", () -> {
                orders.set(orderId, order);
                return null;
            });
        } catch (GridCallFailed e) {
            Order stored = settleUnknownOrder(sale, orderId, requestId, requestHash, claimKey, taken);
            if (stored == null) {
                throw e;
            }
            return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, stored);
        }
        return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, order);
    }

    /** A grid call of the purchase path, counted (round trips per purchase) and retried when it failed in passing. */
    private <T> T call(String what, Supplier<T> call) {
        return GridCalls.idempotent(what, () -> {
            onGridCall.run();
            return call.get();
        });
    }

    private boolean allSeenEmpty(Sale sale) {
        for (int s = 0; s < sale.segments(); s++) {
            if (!hints.seenEmpty(sale.stockKey(s))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks the segments from one picked by the request's hash (so a retry walks the same way) and takes units
     * until the quantity is covered, recording the units taken per segment in {@code taken}. A segment whose call
     * fails is recorded with 0 units before the failure propagates, so that it is released too.
     */
    private void reserve(Sale sale, long requestHash, int quantity, boolean useHints, Map<Integer, Integer> taken) {
        int segments = sale.segments();
        int start = (int) Math.floorMod(requestHash, (long) segments);
        int needed = quantity;
        for (int i = 0; i < segments && needed > 0; i++) {
            StockKey key = sale.stockKey((start + i) % segments);
            if (useHints && hints.seenEmpty(key)) {
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

    /**
     * The order put failed in a way that leaves its fate open. If the order is there, the purchase succeeded and
     * the stored order is returned; if it is surely not, everything goes back; if the grid cannot say, the units
     * stay held (never sold twice). Returns null unless the order is known to be stored.
     */
    private Order settleUnknownOrder(Sale sale, String orderId, String requestId, long requestHash,
                                     UserClaimKey claimKey, Map<Integer, Integer> taken) {
        try {
            Order stored = orders.get(orderId);
            if (stored == null) {
                releaseStock(sale, requestHash, taken);
                releaseClaim(claimKey, requestId);
                return null;
            }
            return stored.sameRequestAs(requestId) ? stored : null;
        } catch (HazelcastException e) {
            log.warn("Order {} of request {}: unknown whether it was stored; its units stay held", orderId,
                    requestId, e);
            return null;
        }
    }

    /** Gives back what the request took in the segments of {@code taken} (idempotent, by the request's hash). */
    private void releaseStock(Sale sale, long requestHash, Map<Integer, Integer> taken) {
        for (int segment : taken.keySet()) {
            StockKey key = sale.stockKey(segment);
            try {
                call("releasing stock", () -> stock.executeOnKey(key,
                        new ReleaseReservation(requestHash)));
                hints.observed(key, 1);
            } catch (GridCallFailed e) {
                log.warn("Could not give back the units of request {} in {}; they stay held", requestHash, key, e);
            }
        }
    }

    private void releaseClaim(UserClaimKey key, String requestId) {
        try {
            call("releasing claim", () -> claims.executeOnKey(key, new ReleaseClaim(requestId)));
        } catch (GridCallFailed e) {
            log.warn("Could not release the claim of request {} on {}", requestId, key, e);
        }
    }

    private static int units(Map<Integer, Integer> taken) {
        return taken.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A 64-bit hash of the request id for the stock journal; never 0, which marks a free slot. */
    static long hash(String requestId) {
        UUID uuid = UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8));
        long h = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        return h == 0 ? 1 : h;
    }

}
