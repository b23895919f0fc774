package io.flashsale.mapstore;

import io.flashsale.model.catalog.Sale;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/** {@code sales} table; written through when a sale is created, read through on a grid miss. */
final class SaleStore extends JdbcMapStore<String, Sale> {

    static final String SELECT = "SELECT sale_id, product_id, stock, segments, per_user_limit, starts_at, ends_at"
            + " FROM sales WHERE sale_id = ?";

    SaleStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    String selectSql() {
        return SELECT;
    }

    @Override
    String upsertSql() {
        return "INSERT INTO sales (sale_id, product_id, stock, segments, per_user_limit, starts_at, ends_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE product_id = VALUES(product_id), stock = VALUES(stock),"
                + " segments = VALUES(segments), per_user_limit = VALUES(per_user_limit),"
                + " starts_at = VALUES(starts_at), ends_at = VALUES(ends_at)";
    }

    @Override
    String deleteSql() {
        return "DELETE FROM sales WHERE sale_id = ?";
    }

    @Override
    void bindKey(PreparedStatement statement, String key) throws SQLException {
        statement.setString(1, key);
    }

    @Override
    void bindRow(PreparedStatement statement, String key, Sale sale) throws SQLException {
        statement.setString(1, key);
        statement.setString(2, sale.productId());
        statement.setInt(3, sale.stock());
        statement.setInt(4, sale.segments());
        statement.setInt(5, sale.perUserLimit());
        statement.setString(6, Timestamps.toDb(sale.startsAt()));
        statement.setString(7, Timestamps.toDb(sale.endsAt()));
    }

    @Override
    Sale readRow(ResultSet row) throws SQLException {
        return readSale(row);
    }

    static Sale readSale(ResultSet row) throws SQLException {
        return new Sale(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4), row.getInt(5),
                Timestamps.fromDb(row.getObject(6, LocalDateTime.class)),
                Timestamps.fromDb(row.getObject(7, LocalDateTime.class)));
    }
}
