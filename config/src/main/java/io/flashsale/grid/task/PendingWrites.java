package io.flashsale.grid.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.flashsale.grid.MapNames;

/**
 * Entries this member owns that are changed but not yet written behind (orders and stock). Run on every member and
 * add up the answers; owned entries only, so backups are not counted twice.
 */
public final class PendingWrites extends MemberTask<Long> {

    @Override
    public Long call() {
        return hazelcast().getMap(MapNames.ORDERS).getLocalMapStats().getDirtyEntryCount()
                + hazelcast().getMap(MapNames.STOCK).getLocalMapStats().getDirtyEntryCount();
    }

    @Override
    public int getClassId() {
        return GridTasks.PENDING_WRITES;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
