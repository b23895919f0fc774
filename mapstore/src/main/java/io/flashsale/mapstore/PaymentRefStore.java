package io.flashsale.mapstore;

import com.hazelcast.map.MapLoader;
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
 * Reads {@code payment-refs} through from the {@code orders} table: the order whose {@code payment_ref} a reference
 * is. Only a loader: the reference reaches the table with its order. A database that cannot answer fails the
 * payment (503), rather than let a reference pay twice.
 */
final class PaymentRefStore implements MapLoader<String, String> {

    private static final String SELECT = "SELECT order_id FROM orders WHERE payment_ref = ? LIMIT 1";

    private final DataSource dataSource;

    PaymentRefStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public @Nullable String load(String paymentRef) {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, paymentRef);
        } catch (SQLException e) {
            throw new IllegalStateException("could not look a payment reference up in the orders table", e);
        }
    }

    private static @Nullable String load(Connection connection, String paymentRef) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, paymentRef);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Override
    public Map<String, String> loadAll(Collection<String> paymentRefs) {
        Map<String, String> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String paymentRef : paymentRefs) {
                String orderId = load(connection, paymentRef);
                if (orderId != null) {
                    found.put(paymentRef, orderId);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not look payment references up in the orders table", e);
        }
    }

    /** Nothing is preloaded: a reference is looked up when a payment names it. */
    @Override
    public @Nullable Iterable<String> loadAllKeys() {
        return null;
    }
}
