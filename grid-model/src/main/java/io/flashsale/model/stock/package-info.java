/**
 * Stock segments and the EntryProcessors that take and give back units, each change applied once. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.stock;

import org.jspecify.annotations.NullMarked;
