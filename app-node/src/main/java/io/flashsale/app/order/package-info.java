/**
 * Orders over HTTP: reading, paying and cancelling them. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.order;

import org.jspecify.annotations.NullMarked;
