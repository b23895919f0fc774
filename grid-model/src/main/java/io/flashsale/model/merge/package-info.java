/**
 * How stock and claims combine when a split brain heals. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.merge;

import org.jspecify.annotations.NullMarked;
