package io.flashsale.mapstore;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database for each test class: on the server named by {@code FLASHSALE_TEST_DB_URL} when it is set (CI
 * points it at the MariaDB on 127.0.0.1:3306), otherwise on an embedded MariaDB started once per test JVM, so the
 * tests need nothing but a JDK. Tests that stop a database start their own {@link EmbeddedDatabase} instead.
 */
public final class TestDatabases {

    private static final Pattern SERVER = Pattern.compile("jdbc:mysql://([^/?]+).*");
    private static final String OPTIONS = "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true";
    private static EmbeddedDatabase shared;

    private TestDatabases() {
    }

    /** Settings of a new, empty database whose name starts with {@code prefix}. */
    public static Database.Settings fresh(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String external = System.getenv("FLASHSALE_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            Matcher server = SERVER.matcher(external.trim());
            if (!server.matches()) {
                throw new IllegalArgumentException("FLASHSALE_TEST_DB_URL must be jdbc:mysql://host:port/..., got "
                        + external);
            }
            String user = System.getenv().getOrDefault("FLASHSALE_TEST_DB_USER", "root");
            String password = System.getenv().getOrDefault("FLASHSALE_TEST_DB_PASSWORD", "");
            return new Database.Settings("jdbc:mysql://" + server.group(1) + "/" + name + OPTIONS, user, password);
        }
        return shared().settings(name);
    }

    /** An embedded server of the test's own, which it may stop and start. */
    public static EmbeddedDatabase startOwn(String name) {
        return EmbeddedDatabase.start(dataDir(name));
    }

    /** Drops the database of {@code settings} (tests clean up after themselves on a shared server). */
    public static void drop(Database.Settings settings) {
        String url = settings.url();
        String database = url.substring(url.indexOf('/', "jdbc:mysql://".length()) + 1, url.indexOf('?'));
        try (Connection connection = DriverManager.getConnection(url, settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + database, e);
        }
    }

    private static synchronized EmbeddedDatabase shared() {
        if (shared == null) {
            shared = EmbeddedDatabase.start(dataDir("shared"));
        }
        return shared;
    }

    private static Path dataDir(String name) {
        return Paths.get("target", "mariadb-" + name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
    }
}
