package io.flashsale.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database-only design: one transaction per purchase on MariaDB (InnoDB): a conditional UPDATE of the sale's
 * stock row (one hot row, as such designs have it), a conditional upsert of the buyer's claim, an INSERT of the
 * order. Row locks make it correct; the hot row makes it slow.
 */
final class DatabaseBackend implements PurchaseBackend {

    private final HikariDataSource pool;

    DatabaseBackend(String url, String user, String password, int connections) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        config.setAutoCommit(false);
        config.setPoolName("bench-db");
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_stock (sale_id VARCHAR(64) PRIMARY KEY, stock INT NOT NULL,"
                    + " remaining INT NOT NULL, per_user_limit INT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS bench_claims (sale_id VARCHAR(64), user_id VARCHAR(64),"
                    + " units INT NOT NULL, PRIMARY KEY (sale_id, user_id))");
            s.execute("CREATE TABLE IF NOT EXISTS bench_orders (order_id CHAR(36) PRIMARY KEY, sale_id VARCHAR(64),"
                    + " user_id VARCHAR(64), quantity INT, created_at DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3))");
            c.commit();
        }
    }

    @Override
    public String name() {
        return "database only (MariaDB transaction)";
    }

    @Override
    public void createSale(String saleId, int stock, int segments, int perUserLimit) throws SQLException {
        try (Connection c = pool.getConnection()) {
            for (String table : new String[] {"bench_stock", "bench_claims", "bench_orders"}) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE sale_id = ?")) {
                    delete.setString(1, saleId);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench_stock (sale_id, stock, remaining, per_user_limit) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, saleId);
                insert.setInt(2, stock);
                insert.setInt(3, stock);
                insert.setInt(4, perUserLimit);
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    @Override
    public Outcome purchase(String saleId, String userId, int quantity) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try {
                Outcome outcome = purchase(c, saleId, userId, quantity);
                if (outcome == Outcome.ACCEPTED) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return outcome;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Outcome purchase(Connection c, String saleId, String userId, int quantity) throws SQLException {
        // The claim first: a buyer over the limit must not lock the hot stock row. Rolled back when over.
        try (PreparedStatement claim = c.prepareStatement("INSERT INTO bench_claims (sale_id, user_id, units)"
                + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE units = units + VALUES(units)")) {
            claim.setString(1, saleId);
            claim.setString(2, userId);
            claim.setInt(3, quantity);
            claim.executeUpdate();
        }
        try (PreparedStatement check = c.prepareStatement("SELECT c.units <= s.per_user_limit FROM bench_claims c"
                + " JOIN bench_stock s ON s.sale_id = c.sale_id WHERE c.sale_id = ? AND c.user_id = ?")) {
            check.setString(1, saleId);
            check.setString(2, userId);
            try (ResultSet row = check.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return Outcome.LIMIT_REACHED;
                }
            }
        }
        try (PreparedStatement take = c.prepareStatement(
                "UPDATE bench_stock SET remaining = remaining - ? WHERE sale_id = ? AND remaining >= ?")) {
            take.setInt(1, quantity);
            take.setString(2, saleId);
            take.setInt(3, quantity);
            if (take.executeUpdate() == 0) {
                return Outcome.SOLD_OUT;
            }
        }
        try (PreparedStatement order = c.prepareStatement(
                "INSERT INTO bench_orders (order_id, sale_id, user_id, quantity) VALUES (?, ?, ?, ?)")) {
            order.setString(1, UUID.randomUUID().toString());
            order.setString(2, saleId);
            order.setString(3, userId);
            order.setInt(4, quantity);
            order.executeUpdate();
        }
        return Outcome.ACCEPTED;
    }

    @Override
    public Audit audit(String saleId) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            String where = " WHERE sale_id = '" + saleId + "'";
            long sold = single(s, "SELECT stock - remaining FROM bench_stock" + where);
            long orders = single(s, "SELECT COUNT(*) FROM bench_orders" + where);
            long units = single(s, "SELECT COALESCE(SUM(quantity), 0) FROM bench_orders" + where);
            long over = single(s, "SELECT COUNT(*) FROM bench_claims c JOIN bench_stock k ON k.sale_id = c.sale_id"
                    + " WHERE c.sale_id = '" + saleId + "' AND c.units > k.per_user_limit");
            c.commit();
            return new Audit(sold, orders, units, over);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet row = s.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
