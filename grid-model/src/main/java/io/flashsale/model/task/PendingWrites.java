package io.flashsale.model.task;

import com.hazelcast.core.IExecutorService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.flashsale.model.MapNames;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entries this member owns that are changed but not yet written behind, per map (orders, stock, carts). Run on every
 * member and add up the answers; owned entries only, so backups are not counted twice.
 */
public final class PendingWrites extends MemberTask<HashMap<String, Long>> {

    /** The maps written behind. */
    public static final List<String> MAPS = List.of(MapNames.ORDERS, MapNames.STOCK, MapNames.CARTS);

    /**
     * Runs this task on every member and adds up their answers per map name, waiting at most {@code timeout} for each
     * member.
     */
    public static Map<String, Long> acrossMembers(IExecutorService tasks, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Long> byMap = new TreeMap<>();
        for (Future<HashMap<String, Long>> member : tasks.submitToAllMembers(new PendingWrites()).values()) {
            member.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((map, entries) -> byMap.merge(map, entries, Long::sum));
        }
        return byMap;
    }

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
