package io.flashsale.model.task;

import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.RestoreClaims;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.UserClaim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the per-user claims of a sale from the orders in the database into the buyers' home segments, after the
 * grid lost them (a full cluster restart). A claim already in the grid is kept: the grid is ahead of the database
 * while writes are pending. Returns the number of claims put back; fails when the sale or a home segment is not in
 * the grid (load the sale first).
 */
public final class RebuildClaims extends SaleTask<Integer> {

    RebuildClaims() {
    }

    public RebuildClaims(String saleId) {
        super(saleId);
    }

    @Override
    public Integer call() {
        Sale sale = hazelcast().<String, Sale>getMap(MapNames.SALES).get(saleId);
        if (sale == null) {
            throw new IllegalStateException("sale " + saleId + " is not in the grid: its claims have no home");
        }
        IMap<StockKey, StockSegment> stock = hazelcast().getMap(MapNames.STOCK);
        Map<StockKey, List<Map.Entry<String, UserClaim>>> byHome = new HashMap<>();
        for (Map.Entry<String, UserClaim> e : database().claimsOf(saleId).entrySet()) {
            byHome.computeIfAbsent(sale.homeOf(e.getKey()), g -> new ArrayList<>()).add(e);
        }
        int restored = 0;
        for (Map.Entry<StockKey, List<Map.Entry<String, UserClaim>>> home : byHome.entrySet()) {
            List<Map.Entry<String, UserClaim>> buyers = home.getValue();
            int back = stock.executeOnKey(home.getKey(), new RestoreClaims(
                    buyers.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    buyers.stream().map(Map.Entry::getValue).toArray(UserClaim[]::new)));
            if (back < 0) {
                throw new IllegalStateException("home segment " + home.getKey() + " is not in the grid");
            }
            restored += back;
        }
        return restored;
    }

    @Override
    public int getClassId() {
        return GridTasks.REBUILD_CLAIMS;
    }
}
