package io.flashsale.purchase;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Group commit for purchases: concurrent purchases of one lane (a sale's home segment) are run together as one
 * batch, so that a batch costs the grid the same few backed-up operations as a single purchase. Each lane runs one
 * batch at a time; purchases that arrive meanwhile queue, and the next batch takes them all (up to
 * {@link #MAX_BATCH}). Nothing waits for a timer: an idle lane runs a lone purchase at once, so batches grow only
 * with load.
 *
 * <p>No threads of its own (hand-offs between threads are what costs most on small machines): the caller whose
 * purchase finds its lane idle runs the batch on its own thread, and hands the lane to the first queued caller when
 * done. Written by hand because the executors and reactive batching libraries all add a thread hop per batch.
 */
final class PurchaseBatches {

    /** Purchases per batch at most: the size of one grid operation's payload stays small. */
    static final int MAX_BATCH = 64;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Consumer<List<Pending>> runBatch;
    private final long queueBudgetNanos;

    /**
     * @param runBatch    runs a batch; must give every purchase of it an answer, even when it throws
     * @param queueBudget how long a purchase may wait in its lane's queue; one that waited longer leaves untouched
     *                    ({@link PurchaseResult.Outcome#SHED}), so that request threads do not pile up behind a
     *                    slow grid
     */
    PurchaseBatches(Consumer<List<Pending>> runBatch, Duration queueBudget) {
        this.runBatch = runBatch;
        this.queueBudgetNanos = queueBudget.toNanos();
    }

    /** Runs the purchase in a batch of its lane and returns its answer; throws the batch's {@link GridCallFailed}. */
    PurchaseResult run(String lane, Pending purchase) {
        lanes.computeIfAbsent(lane, l -> new Lane()).run(purchase);
        return purchase.answer();
    }

    /** The purchases of one sale's home segment: one batch running, the rest queued. */
    private final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean running;

        void run(Pending purchase) {
            boolean lead;
            synchronized (this) {
                lead = !running;
                if (lead) {
                    running = true;
                } else {
                    queue.add(purchase);
                }
            }
            if (!lead) {
                Boolean turn = purchase.awaitAnswerOrTurn(System.nanoTime() + queueBudgetNanos);
                if (turn == null) {
                    synchronized (this) {
                        if (queue.remove(purchase)) {
                            purchase.answer(PurchaseResult.refused(PurchaseResult.Outcome.SHED));
                            return; // still queued: nothing was done for it
                        }
                    }
                    // A batch took it, or it was just handed the lane: see that through.
                    turn = purchase.awaitAnswerOrTurn(Long.MAX_VALUE);
                }
                if (!turn) {
                    return; // another caller's batch answered it
                }
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(purchase);
            Pending next;
            synchronized (this) {
                // One purchase per buyer in a batch: a buyer's second purchase must see the first one's claim.
                Set<String> buyers = new HashSet<>();
                buyers.add(purchase.request().userId());
                for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
                    Pending queued = it.next();
                    if (buyers.add(queued.request().userId())) {
                        it.remove();
                        batch.add(queued);
                    }
                }
            }
            try {
                runBatch.accept(batch);
            } catch (RuntimeException e) {
                // A bug rather than the grid (grid failures are answered per purchase): fail the batch, not the lane.
                GridCallFailed failure = new GridCallFailed("purchase batch failed", e);
                batch.forEach(p -> p.failIfUnanswered(failure));
            } catch (Error e) {
                GridCallFailed failure = new GridCallFailed("purchase batch failed", e);
                batch.forEach(p -> p.failIfUnanswered(failure));
                throw e;
            } finally {
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                    }
                }
                for (Pending p : batch) {
                    if (p != purchase) {
                        p.wake();
                    }
                }
                if (next != null) {
                    next.takeTurn();
                }
            }
        }
    }
}
