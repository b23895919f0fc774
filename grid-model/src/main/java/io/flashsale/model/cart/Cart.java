package io.flashsale.model.cart;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user's cart: products and quantities in the order they were first added, and a version that goes up with every
 * change (so that a device can tell a newer cart from an older one). Arrays rather than a list of lines: a Compact
 * record, small in the grid.
 *
 * @param updatedAt epoch milliseconds of the last change
 */
public record Cart(String userId, String[] productIds, int[] quantities, long version, long updatedAt) {

    /** How many different products a cart may hold. */
    public static final int MAX_LINES = 100;
    /** The most of one product a line may hold. */
    public static final int MAX_QUANTITY = 99;

    public Cart {
        Objects.requireNonNull(userId, "userId");
        if (productIds.length != quantities.length) {
            throw new IllegalArgumentException("one quantity per product");
        }
    }

    /** The cart of a user who has none. */
    public static Cart empty(String userId) {
        return new Cart(userId, new String[0], new int[0], 0, 0);
    }

    public int lines() {
        return productIds.length;
    }

    /** Quantity of the product in the cart, 0 when it is not there. */
    public int quantityOf(String productId) {
        int line = lineOf(productId);
        return line < 0 ? 0 : quantities[line];
    }

    private int lineOf(String productId) {
        for (int i = 0; i < productIds.length; i++) {
            if (productIds[i].equals(productId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The cart with the product's quantity set ({@code 0} removes its line), one version on; this cart itself when
     * nothing changes, or when a new line would pass {@link #MAX_LINES}.
     */
    Cart withQuantity(String productId, int quantity, long now) {
        int line = lineOf(productId);
        if (line < 0 ? quantity == 0 || productIds.length >= MAX_LINES : quantities[line] == quantity) {
            return this;
        }
        String[] ids;
        int[] qs;
        if (line < 0) {
            ids = Arrays.copyOf(productIds, productIds.length + 1);
            qs = Arrays.copyOf(quantities, quantities.length + 1);
            ids[ids.length - 1] = productId;
            qs[qs.length - 1] = quantity;
        } else if (quantity == 0) {
            ids = new String[productIds.length - 1];
            qs = new int[quantities.length - 1];
            for (int i = 0, j = 0; i < productIds.length; i++) {
                if (i != line) {
                    ids[j] = productIds[i];
                    qs[j++] = quantities[i];
                }
            }
        } else {
            ids = productIds.clone();
            qs = quantities.clone();
            qs[line] = quantity;
        }
        return new Cart(userId, ids, qs, version + 1, now);
    }

    /** The cart emptied, one version on. */
    Cart cleared(long now) {
        return new Cart(userId, new String[0], new int[0], version + 1, now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cart c && c.userId.equals(userId) && c.version == version && c.updatedAt == updatedAt
                && Arrays.equals(c.productIds, productIds) && Arrays.equals(c.quantities, quantities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, version);
    }

    @Override
    public String toString() {
        return "Cart[" + userId + " v" + version + " " + Arrays.toString(productIds) + Arrays.toString(quantities)
                + "]";
    }
}
