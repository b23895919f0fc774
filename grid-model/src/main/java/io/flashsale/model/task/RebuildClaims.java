package io.flashsale.model.task;

import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.claim.UserClaim;
import io.flashsale.model.claim.UserClaimKey;

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
        IMap<UserClaimKey, UserClaim> claims = hazelcast().getMap(MapNames.CLAIMS);
        int restored = 0;
        for (Map.Entry<String, UserClaim> e : database().claimsOf(saleId).entrySet()) {
            if (claims.putIfAbsent(new UserClaimKey(saleId, e.getKey()), e.getValue()) == null) {
                restored++;
            }
        }
        return restored;
    }

    @Override
    public int getClassId() {
        return GridTasks.REBUILD_CLAIMS;
    }
}
