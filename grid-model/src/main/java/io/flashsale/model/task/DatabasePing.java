package io.flashsale.model.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

/** Checks, from a member, that the database answers; for the app node's health. */
public final class DatabasePing extends MemberTask<Boolean> {

    @Override
    public Boolean call() {
        database().ping();
        return true;
    }

    @Override
    public int getClassId() {
        return GridTasks.DATABASE_PING;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
