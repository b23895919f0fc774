package io.flashsale.grid.order;

import java.util.Arrays;

/**
 * The units a buyer holds in one sale, as the purchase requests that claimed them. Bounded by the sale's per-user
 * limit (each request claims at least one unit), so it can remember every request exactly.
 */
public record UserClaim(String[] requestIds, int[] quantities) {

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
