/**
 * Hazelcast configuration: members, clients, near caches, serialization and the settings read from the environment.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.config;

import org.jspecify.annotations.NullMarked;
