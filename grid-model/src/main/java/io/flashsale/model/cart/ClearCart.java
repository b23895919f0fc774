package io.flashsale.model.cart;

import com.hazelcast.map.EntryProcessor;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Empties a user's cart. The entry stays, empty and one version on, rather than being removed: listeners see the
 * change like any other, and the version never goes back to 0 for a device that saw a later one. A user without a
 * cart is left without one. Returns the cart afterwards, or null.
 */
public record ClearCart(long now) implements EntryProcessor<String, Cart, Cart> {

    @Override
    public @Nullable Cart process(Map.Entry<String, Cart> entry) {
        Cart cart = entry.getValue();
        if (cart == null || cart.lines() == 0) {
            return cart;
        }
        Cart cleared = cart.cleared(now);
        entry.setValue(cleared);
        return cleared;
    }
}
