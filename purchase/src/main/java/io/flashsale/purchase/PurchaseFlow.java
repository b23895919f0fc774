package io.flashsale.purchase;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.model.stock.TryReserve;
import io.flashsale.model.stock.TryReserveForBatch;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The purchase path, run by a grid client. A purchase without an Idempotency-Key runs in a batch with the other
 * purchases of its sale's home segment that arrive meanwhile ({@link PurchaseBatches}, {@link BatchPurchase}), and a
 * batch is one grid call whatever its size while its home has stock: {@link TryReserveForBatch} on the home segment
 * ({@code Sale#homeOf}), which holds its buyers' claims, checks each buyer's per-user limit, takes the units and
 * records the orders in the segment's outbox, all in one change. A purchase the home could not cover walks the other
 * segments ({@link TryReserve}), so the sale sells out completely, and its order is stored by one more call for the
 * batch; a home running low borrows the units of another segment ({@code LendUnits}), so that is rare.
 * Every call the buyer's answer rests on returns only once its synchronous backup has the change, so an accepted
 * purchase survives one member's death. A purchase with an Idempotency-Key runs alone, after claiming its key
 * ({@link KeyedPurchase}).
 *
 * <p>Every step is keyed by the request id and safe to repeat, so a step that failed in passing is tried again, and
 * a client retrying with the same Idempotency-Key (through any app node) completes the same purchase instead of
 * buying twice. No step reads MySQL. A failed purchase gives back what it took, unless it cannot tell whether its
 * order was stored: a unit may then stay held without an order, but is never sold twice.
 *
 * <p>Plain Java, so that the app node and the benchmarks run the same code. Thread-safe; one per client.
 */
public final class PurchaseFlow {

    private final PurchaseSteps steps;
    private final PurchaseBatches batches;
    private final KeyedPurchase keyed;

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
        this.steps = new PurchaseSteps(hazelcast, onGridCall);
        this.batches = new PurchaseBatches(new BatchPurchase(steps)::run, queueBudget);
        this.keyed = new KeyedPurchase(steps);
    }

    /** Writes of failed purchases waiting to be tried again (see {@link BackgroundRetries}). */
    public int pendingRetries() {
        return steps.retries.pending();
    }

    /**
     * Before the client closes: finishes the writes still waiting to be tried again, within {@code budget}, and
     * logs those it could not. Returns how many were left.
     */
    public int drainRetries(Duration budget) {
        return steps.retries.drain(budget);
    }

    /** As {@link #purchase(PurchaseRequest, Gate)}, with nothing between the local checks and the grid. */
    public PurchaseResult purchase(PurchaseRequest request) {
        return purchase(request, Supplier::get);
    }

    /**
     * Runs the purchase: the sale's window and this client's sold-out hints first (answered here, before the gate),
     * then, through {@code gate}, the grid calls. A keyed request goes through the gate at once: it may be the
     * replay of an earlier purchase, so its key is asked before the sale is (see {@link KeyedPurchase}). Throws
     * {@link GridCallFailed} when the grid could not answer; what the purchase took is given back then, unless it
     * cannot be told whether its order was stored (see the class comment).
     */
    public PurchaseResult purchase(PurchaseRequest request, Gate gate) {
        if (request.idempotencyKey() != null) {
            return gate.pass(() -> keyed.run(request));
        }
        PurchaseResult.Outcome refusal = steps.refusalWithoutGrid(request.sale());
        if (refusal != null) {
            return PurchaseResult.refused(refusal);
        }
        String lane = request.sale().saleId() + "/" + request.sale().homeOf(request.userId()).segment();
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
}
