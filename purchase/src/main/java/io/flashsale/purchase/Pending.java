package io.flashsale.purchase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A purchase in a batch: its request, the ids the batch gave it, what it took, and its answer. The batch's thread
 * writes the fields before {@link #wake()}; the purchase's own thread reads them after (volatile state orders them).
 */
final class Pending {

    private static final int WAITING = 0;
    private static final int ANSWERED = 1;
    private static final int TURN = 2;

    private final PurchaseRequest request;
    private final Thread caller = Thread.currentThread();
    private volatile int state = WAITING;

    String requestId;
    long requestHash;
    /** False for a request whose claim was there already (a retry): it ignores segment hints. */
    boolean useHints;
    /** Units taken per segment; a segment whose call failed is in it with 0 so that it is released too. */
    final Map<Integer, Integer> taken = new LinkedHashMap<>();
    private PurchaseResult result;
    private GridCallFailed failure;

    Pending(PurchaseRequest request) {
        this.request = request;
    }

    PurchaseRequest request() {
        return request;
    }

    boolean answered() {
        return result != null || failure != null;
    }

    void answer(PurchaseResult result) {
        this.result = result;
    }

    void fail(GridCallFailed failure) {
        this.failure = failure;
    }

    void failIfUnanswered(GridCallFailed failure) {
        if (!answered()) {
            this.failure = failure;
        }
    }

    PurchaseResult answer() {
        if (failure != null) {
            throw failure;
        }
        if (result == null) {
            throw new IllegalStateException("purchase left unanswered by its batch");
        }
        return result;
    }

    /**
     * Parks until a batch answered this purchase (false) or it is this caller's turn to run one (true), or until
     * {@code deadline} ({@link System#nanoTime()}; {@link Long#MAX_VALUE} for none), when it returns null.
     */
    Boolean awaitAnswerOrTurn(long deadline) {
        boolean interrupted = false;
        while (state == WAITING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
            interrupted |= Thread.interrupted(); // the purchase finishes anyway; keep the flag for the caller
        }
        if (interrupted) {
            caller.interrupt();
        }
        int now = state;
        return now == WAITING ? null : now == TURN;
    }

    void wake() {
        state = ANSWERED;
        LockSupport.unpark(caller);
    }

    void takeTurn() {
        state = TURN;
        LockSupport.unpark(caller);
    }
}
