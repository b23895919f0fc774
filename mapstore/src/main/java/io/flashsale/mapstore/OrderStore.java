package io.flashsale.mapstore;

import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/**
 * {@code orders} table; written behind in batches. The upsert writes an order's later changes (status, payment, its
 * units given back) and makes a second store of the same order (the backup replaying a queue its dead owner had
 * already stored) harmless.
 */
final class OrderStore extends JdbcMapStore<OrderKey, Order> {

    OrderStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    String selectSql() {
        return "SELECT order_id, sale_id, user_id, quantity, status, created_at, request_id, allocation,"
                + " payment_ref, updated_at FROM orders WHERE order_id = ?";
    }

    @Override
    String upsertSql() {
        return "INSERT INTO orders (order_id, sale_id, user_id, quantity, status, created_at, request_id,"
                + " allocation, payment_ref, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE status = VALUES(status), allocation = VALUES(allocation),"
                + " payment_ref = VALUES(payment_ref), updated_at = VALUES(updated_at)";
    }

    @Override
    String deleteSql() {
        return "DELETE FROM orders WHERE order_id = ?";
    }

    @Override
    void bindKey(PreparedStatement statement, OrderKey key) throws SQLException {
        statement.setString(1, key.orderId());
    }

    @Override
    void bindRow(PreparedStatement statement, OrderKey key, Order order) throws SQLException {
        statement.setString(1, key.orderId());
        statement.setString(2, order.saleId());
        statement.setString(3, order.userId());
        statement.setInt(4, order.quantity());
        statement.setString(5, order.status().name());
        statement.setString(6, Timestamps.toDb(order.createdAt()));
        statement.setString(7, order.requestId());
        statement.setString(8, order.allocation());
        statement.setString(9, order.paymentRef());
        statement.setString(10, Timestamps.toDb(order.updatedAt()));
    }

    @Override
    Order readRow(ResultSet row) throws SQLException {
        return new Order(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                OrderStatus.valueOf(row.getString(5)), Timestamps.fromDb(row.getObject(6, LocalDateTime.class)),
                row.getString(7), row.getString(8), row.getString(9),
                Timestamps.fromDb(row.getObject(10, LocalDateTime.class)));
    }
}
