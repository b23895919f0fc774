package io.flashsale.model.task;

import io.flashsale.model.stock.UserClaim;

import java.util.List;
import java.util.Map;

/**
 * The database as member-side tasks see it. Members put their implementation (module {@code mapstore}) in the
 * member's user context under {@link #USER_CONTEXT_KEY}; app nodes reach it only through {@link MemberTask}s, so
 * they never open JDBC connections of their own.
 */
public interface GridDatabase {

    String USER_CONTEXT_KEY = "flashsale.gridDatabase";

    /** Runs a trivial query; throws when the database cannot be reached. */
    void ping();

    /** Orders of the sale whose units count as sold ({@code ACCEPTED} and {@code PAID}), from a fresh query. */
    OrderTotals holdingOrders(String saleId);

    /** Per buyer, the orders of the sale that count against the per-user limit, as claims keyed by user id. */
    Map<String, UserClaim> claimsOf(String saleId);

    /**
     * Ids of orders the database holds as {@code ACCEPTED} created before {@code createdBefore} (epoch ms), or as
     * cancelled or expired with units still allocated: at most {@code limit}. For the expiry sweep after a full
     * cluster restart, when such orders are in the database but not yet in the grid.
     */
    List<String> ordersToSettle(long createdBefore, int limit);

    /**
     * Units the sale's orders hold per stock segment, from their allocations: those of {@code ACCEPTED} and
     * {@code PAID} orders, and of cancelled or expired ones whose units are not back yet.
     */
    UnitsOut unitsOut(String saleId);

    /**
     * @param bySegment   units out per segment
     * @param unallocated holding orders without an allocation (rows written by another system): where their units
     *                    came from is unknown
     */
    record UnitsOut(Map<Integer, Integer> bySegment, long unallocated) {
    }

    /** Number of orders and the sum of their quantities. */
    record OrderTotals(long orders, long units) {
    }
}
