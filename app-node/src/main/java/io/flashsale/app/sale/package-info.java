/**
 * Sales and purchases over HTTP, and the mapping of purchase outcomes to problems. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.sale;

import org.jspecify.annotations.NullMarked;
