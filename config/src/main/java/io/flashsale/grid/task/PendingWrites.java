package io.flashsale.grid.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.flashsale.grid.MapNames;

import java.util.HashMap;
import java.util.List;

/**
 * Entries this member owns that are changed but not yet written behind, per map (orders, stock, carts). Run on every
 * member and add up the answers; owned entries only, so backups are not counted twice.
 */
public final class PendingWrites extends MemberTask<HashMap<String, Long>> {

    /** The maps written behind. */
    public static final List<String> MAPS = List.of(MapNames.ORDERS, MapNames.STOCK, MapNames.CARTS);

    /** Pending entries by map name. */
    @Override
    public HashMap<String, Long> call() {
        HashMap<String, Long> pending = new HashMap<>();
        for (String map : MAPS) {
            pending.put(map, hazelcast().getMap(map).getLocalMapStats().getDirtyEntryCount());
        }
        return pending;
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
