package io.flashsale.model.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;

/** Counts, with a fresh database query on a member, the orders of a sale that hold stock. Returns {orders, units}. */
public final class DatabaseAudit extends MemberTask<long[]> {

    private String saleId;

    DatabaseAudit() {
    }

    public DatabaseAudit(String saleId) {
        this.saleId = saleId;
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

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(saleId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        saleId = in.readString();
    }
}
