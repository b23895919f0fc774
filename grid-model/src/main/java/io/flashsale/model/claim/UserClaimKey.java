package io.flashsale.model.claim;

import com.hazelcast.partition.PartitionAware;

/**
 * Key of a buyer's claim on a sale. Buyers fall into {@link #GROUPS} groups per sale (by user id); a purchase batch is
 * made of one group's buyers, and a group's claims share a partition, so a batch's claim calls (one per buyer, see
 * {@code PurchaseFlow}) go to one member.
 */
public record UserClaimKey(String saleId, String userId) implements PartitionAware<String> {

    /** Claim groups per sale: also the number of purchase batches that can run at once for one sale. */
    public static final int GROUPS = 4;

    /** The group of a buyer; stable across JVMs ({@link String#hashCode()} is specified). */
    public static int groupOf(String userId) {
        return Math.floorMod(userId.hashCode(), GROUPS);
    }

    @Override
    public String getPartitionKey() {
        return saleId + "/claims/" + groupOf(userId);
    }
}
