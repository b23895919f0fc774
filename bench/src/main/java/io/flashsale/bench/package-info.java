/**
 * Benchmarks of the grid path against the Redis+Lua design and the database alone. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.bench;

import org.jspecify.annotations.NullMarked;
