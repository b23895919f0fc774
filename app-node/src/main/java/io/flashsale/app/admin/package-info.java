/**
 * Admin operations that span features: warm-up and the audit of grid against database. Nothing is null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.admin;

import org.jspecify.annotations.NullMarked;
