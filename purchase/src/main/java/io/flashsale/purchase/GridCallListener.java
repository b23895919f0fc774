package io.flashsale.purchase;

/** Told of each grid call of the purchase path, retries included, once it has answered or failed. */
@FunctionalInterface
public interface GridCallListener {

    GridCallListener NONE = (operation, nanos) -> { };

    /**
     * @param operation what the call did ("reserving stock", "claiming units", ...)
     * @param nanos     how long it took
     */
    void ended(String operation, long nanos);
}
