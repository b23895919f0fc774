/**
 * The app node: a Spring Boot REST service that is a Hazelcast client of the grid. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app;

import org.jspecify.annotations.NullMarked;
