/**
 * Products and sales: read-mostly records, near-cached by clients. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.catalog;

import org.jspecify.annotations.NullMarked;
