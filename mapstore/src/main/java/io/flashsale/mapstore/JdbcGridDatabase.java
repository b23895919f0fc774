package io.flashsale.mapstore;

import io.flashsale.model.stock.UserClaim;
import io.flashsale.model.stock.Allocation;
import io.flashsale.model.task.GridDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** {@link GridDatabase} over the member's pool. */
public final class JdbcGridDatabase implements GridDatabase {

    private static final String HOLDING = "status IN ('ACCEPTED', 'PAID')";

    private final DataSource dataSource;

    JdbcGridDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void ping() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1");
             ResultSet row = select.executeQuery()) {
            row.next();
        } catch (SQLException e) {
            throw new IllegalStateException("database does not answer", e);
        }
    }

    @Override
    public OrderTotals holdingOrders(String saleId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*), COALESCE(SUM(quantity), 0) FROM orders WHERE sale_id = ? AND " + HOLDING)) {
            select.setString(1, saleId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new OrderTotals(row.getLong(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the orders of sale " + saleId, e);
        }
    }

    @Override
    public UnitsOut unitsOut(String saleId) {
        // Grouped by allocation: a sale's orders share a few dozen allocations ("3:1", ...), so the answer is small
        // whatever the number of orders.
        Map<Integer, Integer> bySegment = new HashMap<>();
        long unallocated = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT allocation, COUNT(*) FROM orders WHERE sale_id = ? AND (" + HOLDING
                             + " OR allocation <> '') GROUP BY allocation")) {
            select.setString(1, saleId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String allocation = row.getString(1);
                    long orders = row.getLong(2);
                    if (allocation == null || allocation.isBlank()) {
                        unallocated += orders;
                        continue;
                    }
                    Allocation.parse(allocation).forEach((segment, units) ->
                            bySegment.merge(segment, Math.toIntExact(units * orders), Integer::sum));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not sum the units out of sale " + saleId, e);
        }
        return new UnitsOut(bySegment, unallocated);
    }

    @Override
    public List<String> ordersToSettle(long createdBefore, int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "(SELECT order_id FROM orders WHERE status = 'ACCEPTED' AND created_at < ? LIMIT ?) UNION ALL "
                             + "(SELECT order_id FROM orders WHERE status IN ('CANCELLED', 'EXPIRED') "
                             + "AND allocation <> '' LIMIT ?)")) {
            select.setString(1, Timestamps.toDb(createdBefore));
            select.setInt(2, limit);
            select.setInt(3, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the orders due for expiry", e);
        }
    }

    @Override
    public Map<String, UserClaim> claimsOf(String saleId) {
        Map<String, UserClaim> claims = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT user_id, COALESCE(request_id, order_id), quantity FROM orders WHERE sale_id = ? AND "
                             + HOLDING)) {
            select.setString(1, saleId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String requestId = row.getString(2);
                    int quantity = row.getInt(3);
                    claims.compute(row.getString(1),
                            (user, claim) -> (claim == null ? UserClaim.EMPTY : claim).plus(requestId, quantity));
                }
            }
            return claims;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the claims of sale " + saleId, e);
        }
    }
}
