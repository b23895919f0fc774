package io.flashsale.model.task;

import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.claim.ClaimGroup;
import io.flashsale.model.claim.ClaimGroupKey;
import io.flashsale.model.claim.RestoreClaims;
import io.flashsale.model.claim.UserClaim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the per-user claims of a sale from the orders in the database, after the grid lost them (a full cluster
 * restart). A claim already in the grid is kept: the grid is ahead of the database while writes are pending.
 * Returns the number of claims put back.
 */
public final class RebuildClaims extends SaleTask<Integer> {

    RebuildClaims() {
    }

    public RebuildClaims(String saleId) {
        super(saleId);
    }

    @Override
    public Integer call() {
        IMap<ClaimGroupKey, ClaimGroup> claims = hazelcast().getMap(MapNames.CLAIMS);
        Map<ClaimGroupKey, List<Map.Entry<String, UserClaim>>> byGroup = new HashMap<>();
        for (Map.Entry<String, UserClaim> e : database().claimsOf(saleId).entrySet()) {
            byGroup.computeIfAbsent(ClaimGroupKey.of(saleId, e.getKey()), g -> new ArrayList<>()).add(e);
        }
        int restored = 0;
        for (Map.Entry<ClaimGroupKey, List<Map.Entry<String, UserClaim>>> group : byGroup.entrySet()) {
            List<Map.Entry<String, UserClaim>> buyers = group.getValue();
            restored += claims.executeOnKey(group.getKey(), new RestoreClaims(
                    buyers.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    buyers.stream().map(Map.Entry::getValue).toArray(UserClaim[]::new)));
        }
        return restored;
    }

    @Override
    public int getClassId() {
        return GridTasks.REBUILD_CLAIMS;
    }
}
