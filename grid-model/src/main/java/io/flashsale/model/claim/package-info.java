/**
 * Per-buyer claims on a sale's units: the per-user limit, taken and given back atomically. Nothing is null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.claim;

import org.jspecify.annotations.NullMarked;
