/**
 * What lives in the grid, by feature; this package names the maps. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model;

import org.jspecify.annotations.NullMarked;
