/**
 * Metrics of the grid as a client sees them, and the live dashboard. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package io.flashsale.app.monitor;

import org.jspecify.annotations.NullMarked;
