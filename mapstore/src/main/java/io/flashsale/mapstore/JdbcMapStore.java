package io.flashsale.mapstore;

import com.hazelcast.map.MapStore;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A MapStore over one table: batch-first ({@link #storeAll} sends one JDBC batch, which the driver rewrites into
 * multi-row statements) and idempotent (every store is an upsert, so an entry stored again after a failover or a
 * retried batch leaves the same row). Failures are thrown with their cause, so that Hazelcast retries the batch,
 * then its entries, and keeps them queued until the database is back.
 */
abstract class JdbcMapStore<K, V> implements MapStore<K, V> {

    private final DataSource dataSource;

    JdbcMapStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code SELECT ... WHERE <key> = ?}, the key bound by {@link #bindKey}. */
    abstract String selectSql();

    /** {@code INSERT ... ON DUPLICATE KEY UPDATE ...}, bound by {@link #bindRow}. */
    abstract String upsertSql();

    /** {@code DELETE ... WHERE <key> = ?}. */
    abstract String deleteSql();

    abstract void bindKey(PreparedStatement statement, K key) throws SQLException;

    abstract void bindRow(PreparedStatement statement, K key, V value) throws SQLException;

    abstract V readRow(ResultSet row) throws SQLException;

    /** What to return for a key with no row; a store may derive a value from other tables. */
    @Nullable V loadMissing(Connection connection, K key) throws SQLException {
        return null;
    }

    @Override
    public V load(K key) {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load " + key + " from " + getClass().getSimpleName(), e);
        }
    }

    private @Nullable V load(Connection connection, K key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selectSql())) {
            bindKey(select, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? readRow(row) : loadMissing(connection, key);
            }
        }
    }

    /** Loads key by key on one connection: getAll and warm-up ask for few keys (a sale's segments). */
    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        Map<K, V> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (K key : keys) {
                V value = load(connection, key);
                if (value != null) {
                    found.put(key, value);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not load " + keys.size() + " keys from "
                    + getClass().getSimpleName(), e);
        }
    }

    /** No key list: the maps start empty and fill on demand or by an explicit warm-up. */
    @Override
    public @Nullable Iterable<K> loadAllKeys() {
        return null;
    }

    @Override
    public void store(K key, V value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<K, V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(upsertSql())) {
            for (Map.Entry<K, V> entry : entries.entrySet()) {
                bindRow(upsert, entry.getKey(), entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + entries.size() + " entries with "
                    + getClass().getSimpleName(), e);
        }
    }

    @Override
    public void delete(K key) {
        deleteAll(java.util.List.of(key));
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(deleteSql())) {
            for (K key : keys) {
                bindKey(delete, key);
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete " + keys.size() + " keys with "
                    + getClass().getSimpleName(), e);
        }
    }
}
