/**
 * The client-side purchase flow in plain Java: claim, reserve and order, batched, with its retries. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.purchase;

import org.jspecify.annotations.NullMarked;
