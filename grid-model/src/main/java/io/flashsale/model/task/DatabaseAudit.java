package io.flashsale.model.task;

/** Counts, with a fresh database query on a member, the orders of a sale that hold stock. Returns {orders, units}. */
public final class DatabaseAudit extends SaleTask<long[]> {

    DatabaseAudit() {
    }

    public DatabaseAudit(String saleId) {
        super(saleId);
    }

    @Override
    public long[] call() {
        GridDatabase.OrderTotals totals = database().holdingOrders(saleId);
        return new long[] {totals.orders(), totals.units()};
    }

    @Override
    public int getClassId() {
        return GridTasks.DATABASE_AUDIT;
    }
}
