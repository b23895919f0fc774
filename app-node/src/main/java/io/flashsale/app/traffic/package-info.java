/**
 * What keeps a flash sale's traffic within bounds: rate limits, the circuit breaker, the write-behind backlog.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.traffic;

import org.jspecify.annotations.NullMarked;
