package io.flashsale.mapstore;

import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@code stock_segments} table; written behind (coalesced: only the newest counts of a segment are written). */
final class StockSegmentStore extends JdbcMapStore<StockKey, StockSegment> {

    StockSegmentStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    String selectSql() {
        return "SELECT remaining, sold FROM stock_segments WHERE sale_id = ? AND segment = ?";
    }

    @Override
    String upsertSql() {
        return "INSERT INTO stock_segments (sale_id, segment, remaining, sold) VALUES (?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE remaining = VALUES(remaining), sold = VALUES(sold)";
    }

    @Override
    String deleteSql() {
        return "DELETE FROM stock_segments WHERE sale_id = ? AND segment = ?";
    }

    @Override
    void bindKey(PreparedStatement statement, StockKey key) throws SQLException {
        statement.setString(1, key.saleId());
        statement.setInt(2, key.segment());
    }

    @Override
    void bindRow(PreparedStatement statement, StockKey key, StockSegment segment) throws SQLException {
        bindKey(statement, key);
        statement.setInt(3, segment.remaining());
        statement.setInt(4, segment.sold());
    }

    @Override
    StockSegment readRow(ResultSet row) throws SQLException {
        return StockSegment.restored(row.getInt(1), row.getInt(2));
    }

    /**
     * A segment of an existing sale whose row was never written (the grid stopped within the write-behind delay
     * of creating the sale): its initial share less the units that stored orders took from it.
     */
    @Override
    @Nullable StockSegment loadMissing(Connection connection, StockKey key) throws SQLException {
        Sale sale;
        try (PreparedStatement select = connection.prepareStatement(SaleStore.SELECT)) {
            select.setString(1, key.saleId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                sale = SaleStore.readSale(row);
            }
        }
        if (key.segment() < 0 || key.segment() >= sale.segments()) {
            return null;
        }
        int sold = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT allocation FROM orders WHERE sale_id = ? AND status IN ('ACCEPTED', 'PAID')")) {
            select.setString(1, key.saleId());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sold += Allocation.parse(row.getString(1)).getOrDefault(key.segment(), 0);
                }
            }
        }
        return StockSegment.restored(sale.initialUnitsOf(key.segment()) - sold, sold);
    }
}
