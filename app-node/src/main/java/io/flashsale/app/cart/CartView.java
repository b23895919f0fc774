package io.flashsale.app.cart;

import io.flashsale.model.cart.Cart;

import java.util.ArrayList;
import java.util.List;

/** A cart as the API shows it: {@code {"userId","items":[{"productId","quantity"}],"version"}}. */
record CartView(String userId, List<Item> items, long version) {

    record Item(String productId, int quantity) {
    }

    static CartView of(Cart cart) {
        List<Item> items = new ArrayList<>(cart.lines());
        for (int line = 0; line < cart.lines(); line++) {
            items.add(new Item(cart.productIds()[line], cart.quantities()[line]));
        }
        return new CartView(cart.userId(), items, cart.version());
    }
}
