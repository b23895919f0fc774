package io.flashsale.purchase;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.claim.ClaimUnits;
import io.flashsale.model.claim.ReleaseClaim;
import io.flashsale.model.claim.UserClaim;
import io.flashsale.model.claim.UserClaimKey;
import io.flashsale.model.order.ClaimKey;
import io.flashsale.model.order.EndKeyAttempt;
import io.flashsale.model.order.KeyUse;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.ReleaseReservation;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import io.flashsale.model.stock.TryReserveForBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The purchase path, run by a grid client. A purchase makes three grid calls, and four with an Idempotency-Key
 * (whose first step claims the buyer's key for this attempt, in a grid-only map; see {@link #purchaseWithKey}):
 * <ol>
 *   <li>claim the units against the buyer's per-user limit ({@link ClaimUnits} on the buyer's claim entry);</li>
 *   <li>take them from a stock segment ({@link TryReserve}); an empty segment sends the request on to the next,
 *       so the sale sells out completely, and segments this client just saw empty are skipped;</li>
 *   <li>store the order, which write-behind carries to MySQL; the call returns once the order is on its owner
 *       and its synchronous backup, so an accepted order survives one member's death.</li>
 * </ol>
 * Purchases without an Idempotency-Key that arrive together are run as one batch ({@link PurchaseBatches}): one
 * claim call per buyer, sent together; one reservation call for the whole batch on one segment
 * ({@link TryReserveForBatch}); one call storing all its orders, which share a partition ({@link OrderKey}). Every
 * call the buyer's answer rests on returns only once its synchronous backup has the change (the reason the claims
 * are not one {@code executeOnKeys}; see {@link #callEach}). Under load a purchase costs a little over one grid
 * call.
 *
 * <p>Every step is keyed by the request id and safe to repeat, so a step that failed in passing is tried again, and
 * a client retrying with the same Idempotency-Key (through any app node) completes the same purchase instead of
 * buying twice. No step reads MySQL. A failed purchase gives back what it took, unless it cannot tell whether its
 * order was stored: a unit may then stay held without an order, but is never sold twice.
 *
 * <p>Plain Java, so that the app node and the benchmarks run the same code. Thread-safe; one per client.
 */
public final class PurchaseFlow {

    private static final Logger log = LoggerFactory.getLogger(PurchaseFlow.class);

    /**
     * How long an attempt at a keyed purchase owns its key: far past what a healthy attempt takes (a few grid calls,
     * milliseconds), so that a retry takes over only a dead attempt (its app node killed) and its client waits
     * seconds, not minutes. An attempt stalled longer than this and its taker complete the same order by the same
     * steps: both may answer 201, for one order.
     */
    static final Duration KEY_ATTEMPT_LEASE = Duration.ofSeconds(5);

    private final IMap<String, KeyUse> idempotencyKeys;
    private final IMap<UserClaimKey, UserClaim> claims;
    private final IMap<StockKey, StockSegment> stock;
    private final IMap<OrderKey, Order> orders;
    private final SegmentHints hints = new SegmentHints();
    private final BackgroundRetries retries = new BackgroundRetries();
    private final PurchaseBatches batches;
    private final GridCallListener onGridCall;

    /** A flow whose purchases wait in their batch's queue as long as it takes. */
    public PurchaseFlow(HazelcastInstance hazelcast, GridCallListener onGridCall) {
        this(hazelcast, onGridCall, Duration.ofNanos(Long.MAX_VALUE / 2));
    }

    /**
     * @param onGridCall  told of every grid call the flow makes (retries included) when it has ended, e.g. to count
     *                    round trips and time them
     * @param queueBudget how long a purchase may wait for its batch to start; longer, it is answered
     *                    {@link PurchaseResult.Outcome#SHED} without anything done
     */
    public PurchaseFlow(HazelcastInstance hazelcast, GridCallListener onGridCall, Duration queueBudget) {
        this.batches = new PurchaseBatches(this::runBatch, queueBudget);
        this.idempotencyKeys = hazelcast.getMap(MapNames.IDEMPOTENCY_KEYS);
        this.claims = hazelcast.getMap(MapNames.CLAIMS);
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.onGridCall = onGridCall;
    }

    /** Writes of failed purchases waiting to be tried again (see {@link BackgroundRetries}). */
    public int pendingRetries() {
        return retries.pending();
    }

    /**
     * Before the client closes: finishes the writes still waiting to be tried again, within {@code budget}, and
     * logs those it could not. Returns how many were left.
     */
    public int drainRetries(Duration budget) {
        return retries.drain(budget);
    }

    /** As {@link #purchase(PurchaseRequest, Gate)}, with nothing between the local checks and the grid. */
    public PurchaseResult purchase(PurchaseRequest request) {
        return purchase(request, Supplier::get);
    }

    /**
     * Runs the purchase: the sale's window and this client's sold-out hints first (answered here, before the gate),
     * then, through {@code gate}, the grid calls. A keyed request goes through the gate at once: it may be the
     * replay of an earlier purchase, so its key is asked before the sale is (see {@link #purchaseWithKey}). Throws
     * {@link GridCallFailed} when the grid could not answer; what the purchase took is given back then, unless it
     * cannot be told whether its order was stored (see the class comment).
     */
    public PurchaseResult purchase(PurchaseRequest request, Gate gate) {
        if (request.idempotencyKey() != null) {
            return gate.pass(() -> purchaseWithKey(request));
        }
        PurchaseResult.Outcome refusal = refusalWithoutGrid(request.sale());
        if (refusal != null) {
            return PurchaseResult.refused(refusal);
        }
        String lane = request.sale().saleId() + "/" + UserClaimKey.groupOf(request.userId());
        return gate.pass(() -> batches.run(lane, new Pending(request)));
    }

    /**
     * What a purchase passes between the checks this client answers itself and its first grid call (the app node's
     * rate limits and circuit breaker): runs {@code gridPart} or throws.
     */
    @FunctionalInterface
    public interface Gate {
        PurchaseResult pass(Supplier<PurchaseResult> gridPart);
    }

    /**
     * The checks a purchase passes without a grid call: the sale's window, then whether this client saw every
     * segment empty a moment ago. Null when neither refuses it.
     */
    private PurchaseResult.@Nullable Outcome refusalWithoutGrid(Sale sale) {
        if (!sale.isOpenAt(System.currentTimeMillis())) {
            return PurchaseResult.Outcome.NOT_ACTIVE;
        }
        return seenSoldOut(sale) ? PurchaseResult.Outcome.SOLD_OUT : null;
    }

    /** Whether this client saw every segment of the sale empty in the last moment (see {@link SegmentHints}). */
    private boolean seenSoldOut(Sale sale) {
        for (int s = 0; s < sale.segments(); s++) {
            if (!hints.seenEmpty(sale.stockKey(s))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a batch of purchases of one sale's claim group, each by another buyer: a claim call per buyer (sent
     * together), one reservation call on one segment, one call storing the orders. A purchase the segment could not
     * cover walks the other segments on its own. Answers every purchase of the batch. The batch uses its first
     * purchase's sale record (limit, segments): they are the same sale, and a change to it races with purchases
     * anyway.
     */
    private void runBatch(List<Pending> batch) {
        Sale sale = batch.get(0).request().sale();
        long now = System.currentTimeMillis();
        String orderIdPrefix = OrderIds.newPrefix();
        int size = batch.size();
        for (Pending p : batch) {
            p.requestId = OrderIds.withPrefix(orderIdPrefix); // the order id too, as without an Idempotency-Key
            p.requestHash = StockSegment.hashOf(p.requestId);
            p.claimKey = new UserClaimKey(sale.saleId(), p.request().userId());
        }

        Map<UserClaimKey, Integer> claimed;
        try {
            claimed = callEach("claiming units", batch, p -> p.claimKey, p -> claims.submitToKey(p.claimKey,
                    new ClaimUnits(p.requestId, p.request().quantity(), sale.perUserLimit())));
        } catch (GridCallFailed e) {
            releaseClaims(batch);
            batch.forEach(p -> p.fail(e));
            return;
        }
        List<Pending> reserving = new ArrayList<>(size);
        for (Pending p : batch) {
            ClaimUnits.Outcome outcome = ClaimUnits.Outcome.of(claimed.get(p.claimKey));
            if (outcome == ClaimUnits.Outcome.LIMIT_REACHED) {
                p.answer(PurchaseResult.refused(PurchaseResult.Outcome.LIMIT_REACHED));
            } else {
                p.useHints = outcome == ClaimUnits.Outcome.CLAIMED; // else a retried call's own
                reserving.add(p);
            }
        }

        reserveForBatch(sale, reserving);
        List<Pending> covered = new ArrayList<>(reserving.size());
        for (Pending p : reserving) {
            if (p.answered()) {
                continue;
            }
            int needed = p.request().quantity() - units(p.taken);
            try {
                if (needed > 0) {
                    reserve(sale, p.requestHash, needed, p.useHints, p.taken);
                }
            } catch (GridCallFailed e) {
                releaseStock(sale, p.requestHash, p.taken);
                releaseClaim(p.claimKey, p.requestId);
                p.fail(e);
                continue;
            }
            if (units(p.taken) < p.request().quantity()) {
                releaseStock(sale, p.requestHash, p.taken);
                releaseClaim(p.claimKey, p.requestId);
                p.answer(PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT));
            } else {
                covered.add(p);
            }
        }
        if (covered.isEmpty()) {
            return;
        }

        Map<OrderKey, Order> newOrders = new HashMap<>();
        for (Pending p : covered) {
            newOrders.put(new OrderKey(p.requestId), new Order(p.requestId, sale.saleId(), p.request().userId(),
                    p.request().quantity(), OrderStatus.ACCEPTED, now, null, Allocation.format(p.taken), null, now));
        }
        try {
            // setAll, not putAll: putAll reads the keys through from MySQL first. The ids are new. From a client,
            // setAll of keys in one partition is one put-all operation that waits for its backup
            // (BackupAcknowledgementIT).
            call("storing orders", () -> {
                orders.setAll(newOrders);
                return null;
            });
            for (Pending p : covered) {
                p.answer(new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, newOrders.get(new OrderKey(p.requestId))));
            }
        } catch (GridCallFailed e) {
            for (Pending p : covered) {
                Order stored = completeUnknownOrder(newOrders.get(new OrderKey(p.requestId)), p.requestId);
                if (stored == null) {
                    p.fail(e);
                } else {
                    p.answer(new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, stored));
                }
            }
        }
    }

    /**
     * Takes the batch's units from one segment in one call: a random segment not seen empty, so batches spread over
     * the segments. Records what each purchase got in its {@code taken}; fails and releases them all (claims
     * included) when the call fails.
     */
    private void reserveForBatch(Sale sale, List<Pending> reserving) {
        if (reserving.isEmpty()) {
            return;
        }
        StockKey key = someSegmentNotSeenEmpty(sale);
        if (key == null) {
            return; // every purchase walks (and finds the sale sold out) on its own
        }
        long[] hashes = new long[reserving.size()];
        int[] wanted = new int[reserving.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = reserving.get(i).requestHash;
            wanted[i] = reserving.get(i).request().quantity();
        }
        TryReserveForBatch.Result result;
        try {
            result = call("reserving stock", () -> stock.executeOnKey(key, new TryReserveForBatch(hashes, wanted)));
        } catch (GridCallFailed e) {
            try {
                call("releasing stock", () -> stock.executeOnKey(key, new ReleaseReservation(hashes)));
            } catch (GridCallFailed again) {
                log.warn("Could not give back the units of a failed batch in {}; they stay held", key, again);
            }
            releaseClaims(reserving);
            reserving.forEach(p -> p.fail(e));
            return;
        }
        if (result.missing()) {
            log.warn("Stock segment {} is in neither the grid nor the database", key);
            return;
        }
        hints.observed(key, result.remaining());
        for (int i = 0; i < hashes.length; i++) {
            if (result.units()[i] > 0) {
                reserving.get(i).taken.put(key.segment(), result.units()[i]);
            }
        }
    }

    private @Nullable StockKey someSegmentNotSeenEmpty(Sale sale) {
        int segments = sale.segments();
        int start = ThreadLocalRandom.current().nextInt(segments);
        for (int i = 0; i < segments; i++) {
            StockKey key = sale.stockKey((start + i) % segments);
            if (!hints.seenEmpty(key)) {
                return key;
            }
        }
        return null;
    }

    /**
     * The purchase with an Idempotency-Key, on its own. The key, scoped to the buyer, is claimed first
     * ({@link ClaimKey}): of concurrent identical requests one goes on and the others answer with its order once it
     * is stored ({@link PurchaseResult.Outcome#IN_FLIGHT} until then). The order id is minted at random when the key
     * is first used and kept with it, so a replay completes the same order, and a key the grid forgot (a day later,
     * or after a full restart) buys anew under a new id: no purchase can reach an existing order.
     */
    private PurchaseResult purchaseWithKey(PurchaseRequest request) {
        String attemptId = UUID.randomUUID().toString();
        long claimedAt = System.currentTimeMillis();
        ClaimKey.Claim claim = call("claiming idempotency key", () -> idempotencyKeys.executeOnKey(
                request.scopedKey(), new ClaimKey(request.fingerprint(), UUID.randomUUID().toString(), attemptId,
                        claimedAt, KEY_ATTEMPT_LEASE.toMillis())));
        switch (claim.outcome()) {
            case REUSED:
                return PurchaseResult.refused(PurchaseResult.Outcome.KEY_REUSED);
            case IN_FLIGHT: {
                Order earlier = call("reading order", () -> orders.get(new OrderKey(claim.orderId())));
                return earlier != null ? new PurchaseResult(PurchaseResult.Outcome.REPLAYED, earlier)
                        : PurchaseResult.refused(PurchaseResult.Outcome.IN_FLIGHT);
            }
            default:
                break;
        }
        if (!claim.fresh()) {
            // An earlier attempt may have stored the order before it ended.
            Order earlier = call("reading order", () -> orders.get(new OrderKey(claim.orderId())));
            if (earlier != null) {
                return new PurchaseResult(PurchaseResult.Outcome.REPLAYED, earlier);
            }
        }
        PurchaseResult result;
        try {
            result = purchaseUnderKey(request, claim.orderId());
        } catch (GridCallFailed e) {
            endKeyAttempt(request, attemptId);
            throw e;
        }
        if (result.outcome() != PurchaseResult.Outcome.ACCEPTED) {
            endKeyAttempt(request, attemptId);
        }
        return result;
    }

    /** Lets a retry take the key over at once. Failing that, it waits out the lease. */
    private void endKeyAttempt(PurchaseRequest request, String attemptId) {
        try {
            call("ending key attempt", () -> idempotencyKeys.executeOnKey(request.scopedKey(),
                    new EndKeyAttempt(attemptId)));
        } catch (GridCallFailed e) {
            log.warn("Could not end an attempt on an Idempotency-Key; a retry waits {} for it", KEY_ATTEMPT_LEASE, e);
        }
    }

    /**
     * The keyed purchase's steps, under the order id its key holds. That id doubles as the request id of the
     * claim and the reservations, so an attempt that completes an earlier one's work finds what it took.
     */
    private PurchaseResult purchaseUnderKey(PurchaseRequest request, String orderId) {
        Sale sale = request.sale();
        String requestId = orderId;
        PurchaseResult.Outcome refusal = refusalWithoutGrid(sale);
        if (refusal != null) {
            return PurchaseResult.refused(refusal);
        }
        long now = System.currentTimeMillis();
        long requestHash = StockSegment.hashOf(requestId);

        UserClaimKey claimKey = new UserClaimKey(sale.saleId(), request.userId());
        ClaimUnits.Outcome claim;
        try {
            claim = ClaimUnits.Outcome.of(call("claiming units", () -> claims.executeOnKey(claimKey,
                    new ClaimUnits(requestId, request.quantity(), sale.perUserLimit()))));
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
                now, requestId, Allocation.format(taken), null, now);
        try {
            // set, not put or putIfAbsent: those read the key through from MySQL first, a query per purchase. The
            // id was minted at random for this key (ClaimKey), which this attempt holds, so no other order has it.
            call("storing order", () -> {
                orders.set(new OrderKey(orderId), order);
                return null;
            });
        } catch (GridCallFailed e) {
            Order stored = completeUnknownOrder(order, requestId);
            if (stored == null) {
                throw e;
            }
            return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, stored);
        }
        return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, order);
    }

    /** A grid call of the purchase path, reported (round trips, latency) and retried when it failed in passing. */
    private <T> T call(String what, Supplier<T> call) {
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
     * One grid call per item, all sent at once and awaited together: calls on single keys, because those answer
     * once their synchronous backup has the change. The batch's claims share a partition, and one
     * {@code executeOnKeys} would be one operation instead of several, but it answers before its backups
     * (BackupAcknowledgementIT shows both): a member dying right after let a buyer past the limit. Each call is
     * reported on its own; a failure sends them all again, which is safe (each is keyed by its request id).
     */
    private <T, K, R> Map<K, R> callEach(String what, List<T> items, Function<T, K> key,
                                         Function<T, CompletionStage<R>> call) {
        return GridCalls.idempotent(what, () -> {
            Map<K, CompletableFuture<R>> sent = new HashMap<>();
            for (T item : items) {
                long start = System.nanoTime();
                sent.put(key.apply(item), call.apply(item).toCompletableFuture()
                        .whenComplete((result, failure) -> onGridCall.ended(what, System.nanoTime() - start)));
            }
            Map<K, R> results = new HashMap<>();
            for (Map.Entry<K, CompletableFuture<R>> answer : sent.entrySet()) {
                try {
                    results.put(answer.getKey(), answer.getValue().join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
            return results;
        });
    }

    /**
     * Walks the segments from one picked by the request's hash (so a retry walks the same way) and takes units
     * until the quantity is covered, recording the units taken per segment in {@code taken}. Segments already in
     * {@code taken} are skipped: the request's journal entry there would answer with the units it holds already.
     * A segment whose call fails is recorded with 0 units before the failure propagates, so that it is released
     * too.
     */
    private void reserve(Sale sale, long requestHash, int quantity, boolean useHints, Map<Integer, Integer> taken) {
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

    /**
     * Settles an order whose store failed in a way that leaves its outcome unknown (a backup did not acknowledge,
     * the owner left mid-call): it may sit on one replica only, on a member cut off by a partition that merges
     * back later. Rolling back instead (units and claim given back when a read finds no order) sells units twice and
     * lets a buyer past the limit when such a replica merges back (docs/decisions). So the order is completed: stored
     * again with {@code putIfAbsent}, which answers the order if the grid has it, and is acknowledged by its backup
     * either way. Returns the stored order, or null while the grid keeps failing: the buyer gets a 503 (an unknown
     * outcome to them), the order is stored again in the background, and its units and claim stay taken for it.
     */
    private @Nullable Order completeUnknownOrder(Order order, String requestId) {
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

    /** Gives back what the request took in the segments of {@code taken} (idempotent, by the request's hash). */
    private void releaseStock(Sale sale, long requestHash, Map<Integer, Integer> taken) {
        for (int segment : taken.keySet()) {
            StockKey key = sale.stockKey(segment);
            try {
                call("releasing stock", () -> stock.executeOnKey(key,
                        new ReleaseReservation(requestHash)));
                hints.observed(key, 1);
            } catch (GridCallFailed e) {
                // Not tried again later: the failed attempts may have given the units back on one replica that a
                // split-brain merge brings back, and a second give-back on the other would then count twice.
                log.warn("Could not give back the units of request {} in {}; they stay held", requestHash, key, e);
            }
        }
    }

    private void releaseClaims(List<Pending> failed) {
        try {
            callEach("releasing claim", failed, p -> p.claimKey,
                    p -> claims.submitToKey(p.claimKey, new ReleaseClaim(p.requestId)));
        } catch (GridCallFailed e) {
            log.warn("Could not release the claims of a failed batch of {} purchases yet; trying again",
                    failed.size(), e);
            for (Pending p : failed) {
                retries.later("Releasing the claim of request " + p.requestId + " on " + p.claimKey,
                        () -> claims.executeOnKey(p.claimKey, new ReleaseClaim(p.requestId)));
            }
        }
    }

    private void releaseClaim(UserClaimKey key, String requestId) {
        try {
            call("releasing claim", () -> claims.executeOnKey(key, new ReleaseClaim(requestId)));
        } catch (GridCallFailed e) {
            log.warn("Could not release the claim of request {} on {} yet; trying again", requestId, key, e);
            retries.later("Releasing the claim of request " + requestId + " on " + key,
                    () -> claims.executeOnKey(key, new ReleaseClaim(requestId)));
        }
    }

    private static int units(Map<Integer, Integer> taken) {
        int units = 0;
        for (int segmentUnits : taken.values()) {
            units += segmentUnits;
        }
        return units;
    }

}
