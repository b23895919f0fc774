/**
 * JMH micro-benchmarks of single grid operations. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.bench.jmh;

import org.jspecify.annotations.NullMarked;
