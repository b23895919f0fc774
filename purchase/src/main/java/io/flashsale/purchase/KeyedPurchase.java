package io.flashsale.purchase;

import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.ClaimKey;
import io.flashsale.model.order.EndKeyAttempt;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The purchase with an Idempotency-Key, on its own (not batched). The key, scoped to the buyer, is claimed first
 * ({@link ClaimKey}): of concurrent identical requests one goes on and the others answer with its order once it is
 * stored ({@link PurchaseResult.Outcome#IN_FLIGHT} until then). The order id is minted at random when the key is
 * first used and kept with it, so a replay completes the same order, and a key the grid forgot (a day later, or
 * after a full restart) buys anew under a new id: no purchase can reach an existing order.
 */
final class KeyedPurchase {

    private static final Logger log = LoggerFactory.getLogger(KeyedPurchase.class);

    /**
     * How long an attempt at a keyed purchase owns its key: far past what a healthy attempt takes (a few grid calls,
     * milliseconds), so that a retry takes over only a dead attempt (its app node killed) and its client waits
     * seconds, not minutes. An attempt stalled longer than this and its taker complete the same order by the same
     * steps: both may answer 201, for one order.
     */
    static final Duration KEY_ATTEMPT_LEASE = Duration.ofSeconds(5);

    private final PurchaseSteps steps;

    KeyedPurchase(PurchaseSteps steps) {
        this.steps = steps;
    }

    PurchaseResult run(PurchaseRequest request) {
        String attemptId = UUID.randomUUID().toString();
        long claimedAt = System.currentTimeMillis();
        ClaimKey.Claim claim = steps.call("claiming idempotency key", () -> steps.idempotencyKeys.executeOnKey(
                request.scopedKey(), new ClaimKey(request.fingerprint(), UUID.randomUUID().toString(), attemptId,
                        claimedAt, KEY_ATTEMPT_LEASE.toMillis())));
        switch (claim.outcome()) {
            case REUSED:
                return PurchaseResult.refused(PurchaseResult.Outcome.KEY_REUSED);
            case IN_FLIGHT: {
                Order earlier = steps.call("reading order", () -> steps.orders.get(new OrderKey(claim.orderId())));
                return earlier != null ? new PurchaseResult(PurchaseResult.Outcome.REPLAYED, earlier)
                        : PurchaseResult.refused(PurchaseResult.Outcome.IN_FLIGHT);
            }
            default:
                break;
        }
        if (!claim.fresh()) {
            // An earlier attempt may have stored the order before it ended.
            Order earlier = steps.call("reading order", () -> steps.orders.get(new OrderKey(claim.orderId())));
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
            steps.call("ending key attempt", () -> steps.idempotencyKeys.executeOnKey(request.scopedKey(),
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
        PurchaseResult.Outcome refusal = steps.refusalWithoutGrid(sale);
        if (refusal != null) {
            return PurchaseResult.refused(refusal);
        }
        long now = System.currentTimeMillis();
        long requestHash = StockSegment.hashOf(requestId);
        String[] buyer = {request.userId()};
        String[] requestIds = {requestId};

        StockKey home = sale.homeOf(request.userId());
        ClaimUnits.Outcome claim;
        try {
            claim = steps.claim(home, ClaimUnits.one(request.userId(), requestId, request.quantity(),
                    sale.perUserLimit()))[0];
        } catch (GridCallFailed e) {
            steps.releaseClaims(home, buyer, requestIds);
            throw e;
        }
        if (claim == ClaimUnits.Outcome.LIMIT_REACHED) {
            return PurchaseResult.refused(PurchaseResult.Outcome.LIMIT_REACHED);
        }
        if (claim == ClaimUnits.Outcome.NO_SEGMENT) {
            return PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT); // as a sale whose segments are all gone
        }

        // A request seen before (a retry) walks every segment: a hint may hide the one it reserved in.
        boolean useHints = claim == ClaimUnits.Outcome.CLAIMED;
        Map<Integer, Integer> taken = new LinkedHashMap<>();
        try {
            steps.reserve(sale, requestHash, request.quantity(), useHints, taken);
        } catch (GridCallFailed e) {
            steps.releaseStock(sale, requestHash, taken); // holds the segment that failed too: its fate is unknown
            steps.releaseClaims(home, buyer, requestIds);
            throw e;
        }
        if (PurchaseSteps.units(taken) < request.quantity()) {
            steps.releaseStock(sale, requestHash, taken);
            steps.releaseClaims(home, buyer, requestIds);
            return PurchaseResult.refused(PurchaseResult.Outcome.SOLD_OUT);
        }

        Order order = new Order(orderId, sale.saleId(), request.userId(), request.quantity(), OrderStatus.ACCEPTED,
                now, requestId, Allocation.format(taken), null, now);
        try {
            // set, not put or putIfAbsent: those read the key through from MySQL first, a query per purchase. The
            // id was minted at random for this key (ClaimKey), which this attempt holds, so no other order has it.
            steps.call("storing order", () -> {
                steps.orders.set(new OrderKey(orderId), order);
                return null;
            });
        } catch (GridCallFailed e) {
            Order stored = steps.completeUnknownOrder(order, requestId);
            if (stored == null) {
                throw e;
            }
            return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, stored);
        }
        return new PurchaseResult(PurchaseResult.Outcome.ACCEPTED, order);
    }
}
