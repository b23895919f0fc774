/**
 * Carts as the grid holds them, and the processors that change them. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package io.flashsale.model.cart;

import org.jspecify.annotations.NullMarked;
