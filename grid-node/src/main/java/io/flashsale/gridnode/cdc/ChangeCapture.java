package io.flashsale.gridnode.cdc;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.flashsale.gridnode.cluster.OldestMember;
import io.flashsale.mapstore.Database;
import io.flashsale.model.MapNames;
import io.flashsale.model.cdc.BinlogReaderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static io.flashsale.model.cdc.BinlogReaderStatus.FAILING;
import static io.flashsale.model.cdc.BinlogReaderStatus.RUNNING;
import static io.flashsale.model.cdc.BinlogReaderStatus.STANDBY;
import static io.flashsale.model.cdc.BinlogReaderStatus.STARTING;

/**
 * MySQL-to-grid sync: one Debezium engine in the cluster reads the binlog's changes of {@code products} and
 * {@code sales} and applies them to the grid ({@link ChangeApplier}). The oldest member runs it; when that member
 * leaves, the next oldest becomes the oldest and starts its own engine, which resumes from the binlog position the
 * last one stored in MySQL ({@code flashsale_cdc_offsets}, flushed every second; the schema history lives beside it
 * in {@code flashsale_cdc_schema_history}), so nothing is missed and what is read again is applied again harmlessly.
 * A first start takes no snapshot: the grid reads rows through on demand, only changes from then on matter.
 *
 * <p>Meters: {@code flashsale_cdc_running} (1 on the member running it), {@code flashsale_cdc_events_total},
 * {@code flashsale_cdc_lag_seconds} (from a change's commit to its arrival in the grid, last event).
 */
public final class ChangeCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
    private static final long RETRY_SECONDS = 10;

    private final HazelcastInstance member;
    private final Database.Settings database;
    private final String connector;
    private final ChangeApplier applier;
    private final Counter events;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "cdc-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("cdc-retry").daemon(true).build());
    private final UUID listener;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile double lagSeconds = Double.NaN;
    private volatile BinlogReaderStatus status;
    private volatile boolean closed;

    private ChangeCapture(HazelcastInstance member, Database.Settings database, DataSource pool,
                          MeterRegistry meters) {
        this.member = member;
        this.database = database;
        this.connector = connectorFor(pool);
        this.status = new BinlogReaderStatus(STANDBY, null, memberName(member), System.currentTimeMillis());
        this.applier = new ChangeApplier(member);
        this.events = Counter.builder("flashsale.cdc.events").description("Row changes applied from the binlog")
                .register(meters);
        Gauge.builder("flashsale.cdc.running", this, c -> c.engine != null ? 1 : 0)
                .description("1 on the member running the binlog reader").register(meters);
        Gauge.builder("flashsale.cdc.lag", this, c -> c.lagSeconds).baseUnit("seconds")
                .description("Commit to grid, last change applied").register(meters);
        this.listener = member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                decide();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                decide();
            }
        });
    }

    /**
     * Starts following the cluster: this member runs the engine while it is the oldest. {@code database} is what
     * Debezium connects with, {@code pool} the member's own connections (asked which server this is).
     */
    public static ChangeCapture start(HazelcastInstance member, Database.Settings database, DataSource pool,
                                      MeterRegistry meters) {
        ChangeCapture capture = new ChangeCapture(member, database, pool, meters);
        capture.decide();
        return capture;
    }

    private synchronized void decide() {
        if (closed) {
            return;
        }
        boolean oldest = OldestMember.isLocal(member);
        if (oldest && engine == null) {
            startEngine();
        } else if (!oldest && engine != null) {
            stopEngine();
        }
        if (!oldest) {
            setStatus(STANDBY, null);
        }
    }

    /** What the reader does on this member: {@code STANDBY} unless this member runs it (see BinlogReaderStatus). */
    public BinlogReaderStatus status() {
        return status;
    }

    /**
     * Records the reader's state and, while this member runs it, tells the cluster (app nodes show it). A failing
     * reader keeps its reason while it tries again, until it runs.
     */
    private void setStatus(String state, String reason) {
        BinlogReaderStatus now = status;
        if (STARTING.equals(state) && now.failing()) {
            return;
        }
        if (state.equals(now.state()) && Objects.equals(reason, now.reason())) {
            return;
        }
        BinlogReaderStatus changed = new BinlogReaderStatus(state, reason, now.member(), System.currentTimeMillis());
        status = changed;
        if (!STANDBY.equals(state)) {
            try {
                member.<String, BinlogReaderStatus>getMap(MapNames.BINLOG_READER)
                        .setAsync(BinlogReaderStatus.KEY, changed);
            } catch (RuntimeException e) {
                log.debug("Could not publish the binlog reader's status", e);
            }
        }
    }

    private static String memberName(HazelcastInstance member) {
        return member.getCluster().getLocalMember().getAddress().toString();
    }

    private void startEngine() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> started = DebeziumEngine
                .create(ChangeEventFormat.of(Connect.class))
                .using(properties())
                .notifying(this::handle)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        setStatus(RUNNING, null);
                    }
                })
                .using((success, message, error) -> {
                    if (!success && !closed) {
                        log.error("Binlog reader stopped: {}; starting it again in {} s", message, RETRY_SECONDS,
                                error);
                        setStatus(FAILING, reasonOf(message, error));
                        retryLater();
                    }
                })
                .build();
        engine = started;
        setStatus(STARTING, null);
        runner.execute(started);
        log.info("Binlog reader ({}) started on this member, the oldest", connector);
    }

    /** After a failure (database down, binlog off): forget the engine and decide again in a while. */
    private void retryLater() {
        synchronized (this) {
            engine = null;
        }
        retries.schedule(this::decide, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** The innermost cause's message: Debezium's own message is a generic "connector failed". */
    private static String reasonOf(String message, Throwable error) {
        Throwable cause = error;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : message;
        return reason == null ? "unknown" : reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    private void handle(RecordChangeEvent<SourceRecord> event) {
        try {
            long committed = applier.apply(event.record());
            if (committed > 0) {
                events.increment();
                lagSeconds = Math.max(0, System.currentTimeMillis() - committed) / 1000.0;
            }
        } catch (RuntimeException e) {
            // A change the grid cannot take now (members leaving): logged; the row is read through on demand.
            log.warn("Could not apply a binlog change: {}", event.record(), e);
        }
    }

    private synchronized void stopEngine() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> running = engine;
        engine = null;
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("Could not stop the binlog reader", e);
            }
        }
    }

    private Properties properties() {
        URI url = URI.create(database.url().substring("jdbc:".length()));
        String schema = url.getPath().substring(1);
        // Debezium's JDBC stores refuse an empty password setting: for a user without one (a fresh server's root)
        // they connect through EmptyPasswordDriver, which sends none.
        boolean noPassword = database.password().isEmpty();
        // nullDatabaseMeansCurrent: the stores ask whether their table exists without naming a database, and
        // Connector/J then looks in every database the user can see: another schema's table (a second cluster on
        // the server) was taken for this one's, which was never created.
        String ownUrl = database.url() + (database.url().contains("?") ? "&" : "?") + "nullDatabaseMeansCurrent=true";
        String storeUrl = noPassword ? EmptyPasswordDriver.wrap(ownUrl) : ownUrl;
        String storePassword = noPassword ? EmptyPasswordDriver.PLACEHOLDER : database.password();
        Properties p = new Properties();
        p.setProperty("name", "flashsale-cdc");
        p.setProperty("connector.class", connector);
        p.setProperty("database.hostname", url.getHost());
        p.setProperty("database.port", String.valueOf(url.getPort() > 0 ? url.getPort() : 3306));
        p.setProperty("database.user", database.user());
        p.setProperty("database.password", database.password());
        // The replication client's id among the server's replicas: fixed per cluster, so a restarted reader
        // replaces the old session.
        p.setProperty("database.server.id", String.valueOf(5400 + Math.floorMod(schema.hashCode(), 1000)));
        // As the members' own connections (the JDBC URL's useSSL=false); the two connectors name it differently.
        p.setProperty("database.ssl.mode", connector.contains("mariadb") ? "disable" : "disabled");
        p.setProperty("topic.prefix", "flashsale");
        p.setProperty("database.include.list", schema);
        p.setProperty("table.include.list", schema + ".products," + schema + ".sales");
        p.setProperty("snapshot.mode", "no_data");
        // The schema capture of a start would otherwise take a global read lock and stall the members' own writes
        // (seen: a write-through store timed out). Safe without: our schema only changes at member start-up.
        p.setProperty("snapshot.locking.mode", "none");
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        p.setProperty("include.schema.changes", "false");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        // Off: it reads years 0..99 as two-digit years (0050 became 2050); our instants carry four-digit years.
        p.setProperty("enable.time.adjuster", "false");
        p.setProperty("offset.storage", "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore");
        p.setProperty("offset.storage.jdbc.table.name", "flashsale_cdc_offsets");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("schema.history.internal", "io.debezium.storage.jdbc.history.JdbcSchemaHistory");
        p.setProperty("schema.history.internal.jdbc.table.name", "flashsale_cdc_schema_history");
        // Debezium's own DDL with MEDIUMTEXT for its VARCHAR(65000), which a utf8mb4 database (MySQL 8's default,
        // ours since V4) refuses: "Column length too big for column 'history_data'".
        p.setProperty("schema.history.internal.jdbc.table.ddl", "CREATE TABLE %s(id VARCHAR(36) NOT NULL,"
                + "history_data MEDIUMTEXT,history_data_seq INTEGER,record_insert_ts TIMESTAMP NOT NULL,"
                + "record_insert_seq INTEGER NOT NULL,PRIMARY KEY (id, history_data_seq))");
        for (String store : new String[] {"offset.storage.jdbc.", "schema.history.internal.jdbc."}) {
            p.setProperty(store + "connection.url", storeUrl);
            p.setProperty(store + "connection.user", database.user());
            p.setProperty(store + "connection.password", storePassword);
        }
        // Hand changes over every 50 ms rather than the default 500: the grid should follow within a second.
        p.setProperty("poll.interval.ms", "50");
        return p;
    }

    /**
     * {@code FLASHSALE_CDC_CONNECTOR} ({@code mariadb} or {@code mysql}) when set, else what the server says it is:
     * Debezium's MySQL connector refuses MariaDB and the other way round.
     */
    static String connectorFor(DataSource pool) {
        String chosen = System.getenv("FLASHSALE_CDC_CONNECTOR");
        boolean mariadb;
        if (chosen != null && !chosen.isBlank()) {
            mariadb = chosen.trim().equalsIgnoreCase("mariadb");
        } else {
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet version = statement.executeQuery("SELECT VERSION()")) {
                version.next();
                mariadb = version.getString(1).toLowerCase().contains("mariadb");
            } catch (Exception e) {
                throw new IllegalStateException("could not tell MySQL from MariaDB", e);
            }
        }
        return mariadb ? "io.debezium.connector.mariadb.MariaDbConnector"
                : "io.debezium.connector.mysql.MySqlConnector";
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            member.getCluster().removeMembershipListener(listener);
        } catch (RuntimeException e) {
            log.debug("Membership listener already gone", e);
        }
        stopEngine();
        retries.shutdownNow();
        runner.shutdown();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
