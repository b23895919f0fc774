package io.flashsale.model;

/** Names of the grid's maps, one place for members, clients and the map stores. */
public final class MapNames {

    /** {@code productId -> Product}; read-through and write-through, near-cached on clients. */
    public static final String PRODUCTS = "products";
    /** {@code saleId -> Sale}; read-through and write-through, near-cached on clients. */
    public static final String SALES = "sales";
    /** {@code StockKey -> StockSegment}; the stock of a sale split over segments; write-behind. Never near-cached. */
    public static final String STOCK = "stock";
    /** {@code orderId -> Order}; write-behind. */
    public static final String ORDERS = "orders";
    /**
     * {@code "key|buyer" -> KeyUse}: which request and order a buyer's Idempotency-Key belongs to. Grid only, kept
     * for a day: unlike {@code putIfAbsent} on the orders map it never asks the database.
     */
    public static final String IDEMPOTENCY_KEYS = "idempotency-keys";
    /** Ids the database does not have, remembered for a while (negative cache of the read-through maps). */
    public static final String KNOWN_MISSING = "known-missing";
    /**
     * {@code paymentRef -> orderId}: the one order a payment reference paid. Read through from the {@code orders}
     * table (its {@code payment_ref}), so a reference stays used after a restart; written nowhere else.
     */
    public static final String PAYMENT_REFS = "payment-refs";
    /** {@code userId -> Cart}; changed by EntryProcessors, write-behind to the {@code carts} table. */
    public static final String CARTS = "carts";
    /** Token buckets of the cluster-wide rate limits (Bucket4j state, grid-only). */
    public static final String RATE_LIMITS = "rate-limits";

    /** {@code "reader" -> BinlogReaderStatus}: what the cluster's binlog reader is doing. Grid only. */
    public static final String BINLOG_READER = "binlog-reader";

    private MapNames() {
    }
}
