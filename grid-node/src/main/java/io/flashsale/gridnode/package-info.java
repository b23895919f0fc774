/**
 * The runnable grid member: start-up, the map stores wired in, its health and metrics endpoint. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.gridnode;

import org.jspecify.annotations.NullMarked;
