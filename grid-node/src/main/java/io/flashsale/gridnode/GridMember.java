package io.flashsale.gridnode;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.flashsale.model.stock.OutboxMover;
import io.flashsale.config.GridSettings;
import io.flashsale.config.MemberConfigs;
import io.flashsale.config.OperatorConfig;
import io.flashsale.gridnode.cdc.ChangeCapture;
import io.flashsale.gridnode.cluster.SplitBrainWatch;
import io.flashsale.gridnode.expiry.OrderExpiry;
import io.flashsale.gridnode.held.HeldUnits;
import io.flashsale.mapstore.Database;
import io.flashsale.model.task.GridDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One running grid member with its map stores, its share of the order expiry and, when it is the oldest, the
 * MySQL-to-grid sync and the return of held units; closes its connection pool when the member is gone.
 */
public final class GridMember implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GridMember.class);

    /** How often each member sweeps its orders for expired ones (see {@link OrderExpiry}). */
    private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(1);

    private final HazelcastInstance hazelcast;
    private final Database database;
    private final PrometheusMeterRegistry meters;
    private volatile MemberEndpoint endpoint;
    private volatile ChangeCapture capture;

    private GridMember(HazelcastInstance hazelcast, Database database, PrometheusMeterRegistry meters) {
        this.hazelcast = hazelcast;
        this.database = database;
        this.meters = meters;
    }

    /** Starts a member persisting to {@code database} and joins the cluster named in {@code settings}. */
    public static GridMember start(GridSettings settings, Database.Settings database) {
        settings.splitBrainRisks().forEach(risk -> log.warn("Split-brain risk: {}", risk));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database db = Database.open(database, "member-" + settings.port(), meters);
        try {
            GridDatabase tasksDatabase = db.gridDatabase();
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(
                    SplitBrainWatch.listeningTo(MemberConfigs.create(OperatorConfig.member(System.getenv(),
                            Path.of("")), settings, db.mapStores(settings), tasksDatabase)));
            GridMember member = new GridMember(hazelcast, db, meters);
            SplitBrainWatch.watchMerges(hazelcast, settings.minMembers(), settings.backupCount());
            OutboxMover.startOn(hazelcast); // at once: this member may take over segments whose outboxes hold orders
            OrderExpiry expiry = OrderExpiry.start(hazelcast, settings.paymentWindow(), tasksDatabase, EXPIRY_SWEEP);
            HeldUnits held = HeldUnits.start(hazelcast, tasksDatabase, settings.heldUnitsQuiet());
            ChangeCapture capture = settings.changeCapture()
                    ? ChangeCapture.start(hazelcast, database, db.dataSource(), meters) : null;
            member.capture = capture;
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                    expiry.close();
                    held.close();
                    if (capture != null) {
                        capture.close();
                    }
                }
                if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    member.stopEndpoint();
                    db.close();
                }
            });
            MemberMeters.bind(meters, hazelcast, settings.minMembers());
            return member;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Serves {@code /health} and {@code /metrics} (see {@link MemberEndpoint}) on {@code host:port} until the member
     * stops; port 0 picks a free one. Returns the port.
     */
    public int serveHttp(String host, int port) {
        MemberEndpoint started = MemberEndpoint.start(new InetSocketAddress(host, port), hazelcast,
                database.dataSource(), meters, () -> {
                    ChangeCapture running = capture;
                    return running == null ? null : running.status();
                });
        endpoint = started;
        return started.port();
    }

    private void stopEndpoint() {
        MemberEndpoint running = endpoint;
        if (running != null) {
            running.close();
        }
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
