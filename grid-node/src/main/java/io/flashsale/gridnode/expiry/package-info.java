/**
 * The sweep that expires unpaid orders and gives their units back. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.gridnode.expiry;

import org.jspecify.annotations.NullMarked;
