package io.flashsale.mapstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.flashsale.config.GridSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The connection pool of a member, with the schema migrated. Every member migrates at start-up; Flyway's lock
 * makes members that start together take turns.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Settings of the contract: {@code FLASHSALE_DB_URL}, {@code FLASHSALE_DB_USER}, {@code FLASHSALE_DB_PASSWORD}. */
    public record Settings(String url, String user, String password) {
        public Settings {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:mysql:")) {
                throw new IllegalArgumentException("expected a jdbc:mysql:// URL, got " + url);
            }
        }

        /** The settings in {@code env}, or {@code null} when {@code FLASHSALE_DB_URL} is not set. */
        public static @Nullable Settings fromEnvironment(Map<String, String> env) {
            String url = env.get("FLASHSALE_DB_URL");
            if (url == null || url.isBlank()) {
                return null;
            }
            return new Settings(url, env.getOrDefault("FLASHSALE_DB_USER", "root"),
                    env.getOrDefault("FLASHSALE_DB_PASSWORD", ""));
        }
    }

    /** Opens the pool and migrates the schema. */
    public static Database open(Settings settings, String poolName) {
        return open(settings, poolName, null);
    }

    /** Opens the pool, reporting its metrics ({@code hikaricp_*}) to {@code meters}, and migrates the schema. */
    public static Database open(Settings settings, String poolName, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // Fail fast while the database is down: write-behind retries the batch later, nothing waits on it.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        // Batched upserts become multi-row statements: one round trip per storeAll chunk.
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        config.addDataSourceProperty("connectTimeout", "2000");
        config.addDataSourceProperty("socketTimeout", "30000");
        // utf8mb4 on the wire whatever the server's default (latin1 on a fresh MariaDB): text in any language.
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("could not migrate the schema at " + settings.url(), e);
        }
        log.info("Database {} ready, schema migrated", settings.url());
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The map stores of every persisted map, keyed by map name, for {@code MemberConfigs}. */
    public Map<String, Object> mapStores(GridSettings settings) {
        return MapStores.all(dataSource, settings);
    }

    /** The database as member tasks use it. */
    public JdbcGridDatabase gridDatabase() {
        return new JdbcGridDatabase(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
