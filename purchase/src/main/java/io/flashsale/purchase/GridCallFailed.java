package io.flashsale.purchase;

/** A grid call failed and kept failing when tried again: the grid is unreachable or overloaded. */
public final class GridCallFailed extends RuntimeException {

    private final boolean notApplied;

    GridCallFailed(String message, Throwable cause) {
        this(message, cause, false);
    }

    GridCallFailed(String message, Throwable cause, boolean notApplied) {
        super(message, cause);
        this.notApplied = notApplied;
    }

    /**
     * Whether the grid refused every attempt before applying it (split-brain protection: the member saw too few
     * others), so that the call is known to have changed nothing; otherwise its outcome is unknown.
     */
    boolean notApplied() {
        return notApplied;
    }
}
