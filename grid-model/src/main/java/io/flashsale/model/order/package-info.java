/**
 * Orders, their Idempotency-Keys and their life after a purchase: payment, cancellation, expiry, units given back.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.model.order;

import org.jspecify.annotations.NullMarked;
