package io.flashsale.model.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;

/** A member task about one sale: the sale id is all it carries. */
abstract class SaleTask<T> extends MemberTask<T> {

    /** Set by {@link #readData} in an instance the factory made. */
    protected String saleId = "";

    SaleTask() {
    }

    SaleTask(String saleId) {
        this.saleId = saleId;
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
