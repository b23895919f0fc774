/**
 * The whole system in one JVM: embedded database, members and an app node, for a local run and the end-to-end
 * tests. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.local;

import org.jspecify.annotations.NullMarked;
