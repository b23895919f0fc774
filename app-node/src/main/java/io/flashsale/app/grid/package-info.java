/**
 * The app node's Hazelcast client: its configuration and its health. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package io.flashsale.app.grid;

import org.jspecify.annotations.NullMarked;
