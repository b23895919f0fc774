/**
 * Carts over HTTP and their server-sent event streams. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.cart;

import org.jspecify.annotations.NullMarked;
