package io.flashsale.mapstore;

import com.hazelcast.map.MapStore;
import io.flashsale.model.cart.Cart;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code carts} table, a row per cart line; written behind. A cart is stored whole: its rows are deleted and
 * written again in one transaction, so a stored cart is exactly the grid's (lines removed in the grid leave the
 * table too), and storing it twice (after a failover) changes nothing. An empty cart has no rows. Not a
 * {@link JdbcMapStore}: that one maps a key to one row.
 */
final class CartStore implements MapStore<String, Cart> {

    private final DataSource dataSource;

    CartStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public @Nullable Cart load(String userId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT product_id, quantity, version, updated_at FROM carts WHERE user_id = ? ORDER BY line")) {
            select.setString(1, userId);
            List<String> productIds = new ArrayList<>();
            List<Integer> quantities = new ArrayList<>();
            long version = 0;
            long updatedAt = 0;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    productIds.add(row.getString(1));
                    quantities.add(row.getInt(2));
                    version = Math.max(version, row.getLong(3));
                    updatedAt = Math.max(updatedAt, Timestamps.fromDb(row.getObject(4, LocalDateTime.class)));
                }
            }
            if (productIds.isEmpty()) {
                return null;
            }
            return new Cart(userId, productIds.toArray(String[]::new),
                    quantities.stream().mapToInt(Integer::intValue).toArray(), version, updatedAt);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the cart of " + userId, e);
        }
    }

    @Override
    public Map<String, Cart> loadAll(Collection<String> userIds) {
        Map<String, Cart> carts = new HashMap<>();
        for (String userId : userIds) {
            Cart cart = load(userId);
            if (cart != null) {
                carts.put(userId, cart);
            }
        }
        return carts;
    }

    /** No key list: carts come back on demand. */
    @Override
    public @Nullable Iterable<String> loadAllKeys() {
        return null;
    }

    @Override
    public void store(String userId, Cart cart) {
        storeAll(Map.of(userId, cart));
    }

    @Override
    public void storeAll(Map<String, Cart> carts) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM carts WHERE user_id = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO carts (user_id, product_id, quantity, updated_at, version, line)"
                                 + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Cart cart : carts.values()) {
                    delete.setString(1, cart.userId());
                    delete.addBatch();
                    for (int line = 0; line < cart.lines(); line++) {
                        insert.setString(1, cart.userId());
                        insert.setString(2, cart.productIds()[line]);
                        insert.setInt(3, cart.quantities()[line]);
                        insert.setString(4, Timestamps.toDb(cart.updatedAt()));
                        insert.setLong(5, cart.version());
                        insert.setInt(6, line);
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + carts.size() + " carts", e);
        }
    }

    @Override
    public void delete(String userId) {
        deleteAll(List.of(userId));
    }

    @Override
    public void deleteAll(Collection<String> userIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM carts WHERE user_id = ?")) {
            for (String userId : userIds) {
                delete.setString(1, userId);
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete " + userIds.size() + " carts", e);
        }
    }
}
