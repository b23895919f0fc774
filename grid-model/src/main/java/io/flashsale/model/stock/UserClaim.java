package io.flashsale.model.stock;

import io.flashsale.model.merge.Mergeable;

import java.util.Arrays;

/**
 * The units a buyer holds in one sale, as the purchase requests that claimed them. Bounded by the sale's per-user
 * limit (each request claims at least one unit), so it can remember every request exactly.
 */
public record UserClaim(String[] requestIds, int[] quantities) implements Mergeable<UserClaim> {

    public static final UserClaim EMPTY = new UserClaim(new String[0], new int[0]);

    public int units() {
        int units = 0;
        for (int quantity : quantities) {
            units += quantity;
        }
        return units;
    }

    int indexOf(String requestId) {
        for (int i = 0; i < requestIds.length; i++) {
            if (requestIds[i].equals(requestId)) {
                return i;
            }
        }
        return -1;
    }

    public UserClaim plus(String requestId, int quantity) {
        String[] ids = Arrays.copyOf(requestIds, requestIds.length + 1);
        int[] qs = Arrays.copyOf(quantities, quantities.length + 1);
        ids[ids.length - 1] = requestId;
        qs[qs.length - 1] = quantity;
        return new UserClaim(ids, qs);
    }

    /**
     * The union of both copies' requests (after a split brain): a purchase claimed on either side counts toward the
     * limit. A claim released on one side only comes back, which refuses the buyer a unit rather than let the buyer
     * past the limit.
     */
    @Override
    public UserClaim mergedWith(UserClaim other) {
        UserClaim merged = this;
        for (int i = 0; i < other.requestIds.length; i++) {
            if (merged.indexOf(other.requestIds[i]) < 0) {
                merged = merged.plus(other.requestIds[i], other.quantities[i]);
            }
        }
        return merged;
    }

    UserClaim minus(int index) {
        String[] ids = new String[requestIds.length - 1];
        int[] qs = new int[quantities.length - 1];
        for (int i = 0, j = 0; i < requestIds.length; i++) {
            if (i != index) {
                ids[j] = requestIds[i];
                qs[j++] = quantities[i];
            }
        }
        return new UserClaim(ids, qs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserClaim c && Arrays.equals(c.requestIds, requestIds)
                && Arrays.equals(c.quantities, quantities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(requestIds);
    }

    @Override
    public String toString() {
        return "UserClaim" + Arrays.toString(requestIds) + Arrays.toString(quantities);
    }
}
