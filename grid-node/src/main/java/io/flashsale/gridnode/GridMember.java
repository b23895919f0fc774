package io.flashsale.gridnode;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.flashsale.grid.GridSettings;
import io.flashsale.grid.MemberConfigs;
import io.flashsale.mapstore.Database;

/** One running grid member with its map stores; closes its connection pool when the member is gone. */
public final class GridMember implements AutoCloseable {

    private final HazelcastInstance hazelcast;

    private GridMember(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Starts a member persisting to {@code database} and joins the cluster named in {@code settings}. */
    public static GridMember start(GridSettings settings, Database.Settings database) {
        Database db = Database.open(database, "member-" + settings.port());
        try {
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(
                    MemberConfigs.create(settings, db.mapStores(settings), db.gridDatabase()));
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    db.close();
                }
            });
            return new GridMember(hazelcast);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Leaves the cluster abruptly, as a crash would: no migration, no flush (for fault tests). */
    public void terminate() {
        hazelcast.getLifecycleService().terminate();
    }

    /** Leaves gracefully: partitions move to the other members, pending writes are stored first. */
    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
