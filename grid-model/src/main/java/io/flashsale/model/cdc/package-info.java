/**
 * The binlog reader's status, as members publish it in the grid. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.cdc;

import org.jspecify.annotations.NullMarked;
