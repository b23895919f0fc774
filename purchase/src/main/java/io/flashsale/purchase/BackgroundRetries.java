package io.flashsale.purchase;

import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes of the purchase path that must happen but failed because the grid was in trouble, tried again in the
 * background once a second until they succeed or {@link #GIVE_UP_AFTER} has passed. Each is idempotent, so trying
 * again is safe; the buyer's request thread is not held meanwhile.
 * <ul>
 * <li>A failed purchase's claim release (the claim forgets the request id; claims merge after a split brain as a
 * union, so releasing on both sides is harmless): dropped, it would leave the buyer's limit taken by a purchase
 * that never happened.</li>
 * <li>An order whose store had an unknown outcome, stored again with {@code putIfAbsent} (see
 * {@code PurchaseSteps.completeUnknownOrder}).</li>
 * </ul>
 * Units of a failed purchase are not given back this way: a give-back that failed may have been applied on one
 * replica only, and one tried again on the other replica would count twice once a split-brain merge adds them up.
 * Those units stay held (never sold twice).
 *
 * <p>A scheduler of our own rather than Resilience4j's Retry: the attempts must not hold the buyer's request thread,
 * and one daemon thread for the few writes of a bad minute is all it takes.
 */
final class BackgroundRetries {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRetries.class);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final long PERIOD_MILLIS = 1_000;

    /** Its one thread starts with the first write handed to it (most purchase flows never need one). */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("flashsale-background-retries").daemon(true).build());
    /** The writes not done yet, so that a stop can finish them instead of dropping them with the thread. */
    private final Set<Write> pending = ConcurrentHashMap.newKeySet();

    private record Write(String what, Runnable action, long firstFailure) {
    }

    /** Tries {@code write} again in the background (it failed once already). */
    void later(String what, Runnable write) {
        Write retried = new Write(what, write, System.nanoTime());
        pending.add(retried);
        schedule(retried);
    }

    /** Writes handed over and not done yet. */
    int pending() {
        return pending.size();
    }

    private void schedule(Write write) {
        try {
            scheduler.schedule(() -> attempt(write), PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // draining: the stop tries it
        }
    }

    private void attempt(Write write) {
        if (!pending.contains(write)) {
            return;
        }
        try {
            write.action().run();
            pending.remove(write);
            log.info("{}: done {} s after it first failed", write.what(),
                    (System.nanoTime() - write.firstFailure()) / 1_000_000_000);
        } catch (RuntimeException e) {
            if (System.nanoTime() - write.firstFailure() < GIVE_UP_AFTER.toNanos()) {
                schedule(write);
            } else {
                pending.remove(write);
                log.error("{}: still failing after {}; left as it is", write.what(), GIVE_UP_AFTER, e);
            }
        }
    }

    /**
     * Before the client closes: stops the background thread and tries the writes still pending, again and again
     * within {@code budget}. Logs each that could not be done. Returns how many were left undone.
     */
    int drain(Duration budget) {
        scheduler.shutdownNow();
        long deadline = System.nanoTime() + budget.toNanos();
        while (!pending.isEmpty()) {
            for (Write write : List.copyOf(pending)) {
                try {
                    write.action().run();
                    pending.remove(write);
                    log.info("{}: done while stopping", write.what());
                } catch (RuntimeException e) {
                    log.debug("{}: failed again while stopping", write.what(), e);
                }
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(Math.min(PERIOD_MILLIS * 1_000_000L, Math.max(0, deadline - System.nanoTime())));
        }
        for (Write left : pending) {
            log.error("{}: not done when stopping (first failed {} s ago); left as it is", left.what(),
                    (System.nanoTime() - left.firstFailure()) / 1_000_000_000);
        }
        return pending.size();
    }
}
