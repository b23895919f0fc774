package io.flashsale.grid.purchase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes of the purchase path that must happen but failed because the grid was in trouble, tried again in the
 * background once a second until they succeed or {@link #GIVE_UP_AFTER} has passed. Each is idempotent, so trying
 * again is safe; the buyer's request thread is not held meanwhile.
 * <ul>
 * <li>A failed purchase's claim release (the claim forgets the request id; claims merge after a split brain as a
 * union, so releasing on both sides is harmless). Dropped before, which left the buyer's limit taken by a purchase
 * that never happened ({@code NetworkPartitionIT}: a few dozen, refused by split-brain protection on the cut-off
 * member a moment before the client learnt that the partition had moved).</li>
 * <li>An order whose store had an unknown outcome, stored again with {@code putIfAbsent} (see
 * {@code PurchaseFlow.completeUnknownOrder}).</li>
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
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flashsale-background-retries");
        thread.setDaemon(true);
        return thread;
    });

    /** Tries {@code write} again in the background (it failed once already). */
    void later(String what, Runnable write) {
        schedule(what, write, System.nanoTime());
    }

    private void schedule(String what, Runnable write, long firstFailure) {
        scheduler.schedule(() -> {
            try {
                write.run();
                log.info("{}: done {} s after it first failed", what,
                        (System.nanoTime() - firstFailure) / 1_000_000_000);
            } catch (RuntimeException e) {
                if (System.nanoTime() - firstFailure < GIVE_UP_AFTER.toNanos()) {
                    schedule(what, write, firstFailure);
                } else {
                    log.error("{}: still failing after {}; left as it is", what, GIVE_UP_AFTER, e);
                }
            }
        }, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
}
