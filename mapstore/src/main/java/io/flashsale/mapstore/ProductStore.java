package io.flashsale.mapstore;

import io.flashsale.model.catalog.Product;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/** {@code products} table; written through by admin changes, read through on a grid miss. */
final class ProductStore extends JdbcMapStore<String, Product> {

    ProductStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    String selectSql() {
        return "SELECT product_id, name, description, price, updated_at FROM products WHERE product_id = ?";
    }

    @Override
    String upsertSql() {
        return "INSERT INTO products (product_id, name, description, price, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description),"
                + " price = VALUES(price), updated_at = VALUES(updated_at)";
    }

    @Override
    String deleteSql() {
        return "DELETE FROM products WHERE product_id = ?";
    }

    @Override
    void bindKey(PreparedStatement statement, String key) throws SQLException {
        statement.setString(1, key);
    }

    @Override
    void bindRow(PreparedStatement statement, String key, Product product) throws SQLException {
        statement.setString(1, key);
        statement.setString(2, product.name());
        statement.setString(3, product.description());
        statement.setBigDecimal(4, product.price());
        statement.setString(5, Timestamps.toDb(product.updatedAt()));
    }

    @Override
    Product readRow(ResultSet row) throws SQLException {
        return new Product(row.getString(1), row.getString(2), row.getString(3), row.getBigDecimal(4),
                Timestamps.fromDb(row.getObject(5, LocalDateTime.class)));
    }
}
