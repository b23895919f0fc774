package io.flashsale.local;

import io.flashsale.mapstore.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The {@code orders} table as the database has it, read by the tests with their own connection. */
final class OrdersTable {

    /** One row: who bought how much. */
    record Row(String userId, int quantity, String status) {
    }

    static Map<String, Row> ofSale(Database.Settings database, String saleId) {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT order_id, user_id, quantity, status FROM orders WHERE sale_id = ?")) {
            select.setString(1, saleId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.put(row.getString(1), new Row(row.getString(2), row.getInt(3), row.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the orders of " + saleId, e);
        }
    }

    private OrdersTable() {
    }
}
