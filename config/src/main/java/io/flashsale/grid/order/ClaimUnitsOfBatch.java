package io.flashsale.grid.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * {@link ClaimUnits} for a batch of purchases by different buyers, sent once with {@code IMap.executeOnKeys}: the
 * buyers' claim keys share a partition, so the batch is one operation and one backup. Each key finds its own
 * request by user id. Idempotent per request id and deterministic, like {@link ClaimUnits}.
 */
public record ClaimUnitsOfBatch(String[] userIds, String[] requestIds, int[] quantities, int limit)
        implements EntryProcessor<UserClaimKey, UserClaim, Integer> {

    /** Returns the {@link ClaimUnits.Outcome#code} of what it did for this key's buyer. */
    @Override
    public Integer process(Map.Entry<UserClaimKey, UserClaim> entry) {
        String userId = entry.getKey().userId();
        for (int i = 0; i < userIds.length; i++) { // a batch holds at most PurchaseBatches.MAX_BATCH buyers
            if (userIds[i].equals(userId)) {
                return ClaimUnits.claim(entry, requestIds[i], quantities[i], limit).code;
            }
        }
        throw new IllegalStateException("no request of user " + userId + " in this batch");
    }
}
