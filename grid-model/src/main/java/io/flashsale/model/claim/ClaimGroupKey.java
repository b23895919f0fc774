package io.flashsale.model.claim;

/**
 * Key of a claim group: the claims of one sale's buyers whose user ids fall into one of {@link #GROUPS} groups. A
 * purchase batch is made of one group's buyers, so its claims are one call on one entry ({@link ClaimUnits}).
 */
public record ClaimGroupKey(String saleId, int group) {

    /**
     * Claim groups per sale: also the number of purchase batches an app node runs at once for one sale. Fewer make
     * bigger batches (grid level, 50 callers: 4 groups 22.8k purchases/s, 2 groups 29.0k, 1 group 31.8k; see
     * docs/BENCHMARKS.md), but a group's claims are one entry, which moves in one piece when its partition migrates;
     * two keep it at about half the sale's buyers.
     */
    public static final int GROUPS = 2;

    /** The group holding {@code userId}'s claim on the sale. */
    public static ClaimGroupKey of(String saleId, String userId) {
        return new ClaimGroupKey(saleId, groupOf(userId));
    }

    /** The group of a buyer; stable across JVMs ({@link String#hashCode()} is specified). */
    public static int groupOf(String userId) {
        return Math.floorMod(userId.hashCode(), GROUPS);
    }
}
