package io.flashsale.model.claim;

/**
 * Key of a claim group: the claims of one sale's buyers whose user ids fall into one of {@link #GROUPS} groups. A
 * purchase batch is made of one group's buyers, so its claims are one call on one entry ({@link ClaimUnits}).
 */
public record ClaimGroupKey(String saleId, int group) {

    /** Claim groups per sale: also the number of purchase batches that can run at once for one sale. */
    public static final int GROUPS = 4;

    /** The group holding {@code userId}'s claim on the sale. */
    public static ClaimGroupKey of(String saleId, String userId) {
        return new ClaimGroupKey(saleId, groupOf(userId));
    }

    /** The group of a buyer; stable across JVMs ({@link String#hashCode()} is specified). */
    public static int groupOf(String userId) {
        return Math.floorMod(userId.hashCode(), GROUPS);
    }
}
