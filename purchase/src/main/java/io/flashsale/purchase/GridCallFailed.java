package io.flashsale.purchase;

/** A grid call failed and kept failing when tried again: the grid is unreachable or overloaded. */
public final class GridCallFailed extends RuntimeException {

    GridCallFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
