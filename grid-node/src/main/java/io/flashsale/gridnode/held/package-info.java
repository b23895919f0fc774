/**
 * The sweep that puts units held without an order back on sale. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.gridnode.held;

import org.jspecify.annotations.NullMarked;
