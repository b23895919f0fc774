/**
 * Products over HTTP: reads from the near cache, admin writes through the grid. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.product;

import org.jspecify.annotations.NullMarked;
