/**
 * The binlog reader: changes made in MySQL outside the grid, applied to the grid. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.gridnode.cdc;

import org.jspecify.annotations.NullMarked;
