package io.flashsale.bench;

/**
 * One design's purchase path with the contract's semantics: check the stock (segmented where the design segments),
 * check the buyer's per-user limit, record the order; all or nothing.
 */
interface PurchaseBackend extends AutoCloseable {

    /** What one purchase came to. */
    enum Outcome { ACCEPTED, SOLD_OUT, LIMIT_REACHED }

    String name();

    /** Prepares a sale of {@code stock} units over {@code segments} segments with a per-user limit. */
    void createSale(String saleId, int stock, int segments, int perUserLimit) throws Exception;

    Outcome purchase(String saleId, String userId, int quantity) throws Exception;

    /** What the design's own store says afterwards: units sold, orders recorded, users over the limit. */
    Audit audit(String saleId) throws Exception;

    /** Stock accounting read back from the design's store. */
    record Audit(long unitsSold, long orders, long orderUnits, long usersOverLimit) {
    }

    @Override
    void close() throws Exception;
}
