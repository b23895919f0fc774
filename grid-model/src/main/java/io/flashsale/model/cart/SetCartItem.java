package io.flashsale.model.cart;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Sets one product's quantity in a user's cart (0 removes it), atomically on the cart's entry, so that two devices
 * changing the cart at once both count. Returns the cart afterwards; a cart already holding {@link Cart#MAX_LINES}
 * other products comes back unchanged (see {@link #refusedBy}). Deterministic (the time comes in with it), for the
 * backup replica. Write-behind stores the cart.
 */
public record SetCartItem(String productId, int quantity, long now) implements EntryProcessor<String, Cart, Cart> {

    @Override
    public Cart process(Map.Entry<String, Cart> entry) {
        Cart cart = entry.getValue() != null ? entry.getValue() : Cart.empty(entry.getKey());
        Cart after = cart.withQuantity(productId, quantity, now);
        if (after != cart) {
            entry.setValue(after);
        }
        return after;
    }

    /** Whether {@code after} (what {@link #process} returned) means the cart was full. */
    public boolean refusedBy(Cart after) {
        return after.quantityOf(productId) != quantity;
    }
}
