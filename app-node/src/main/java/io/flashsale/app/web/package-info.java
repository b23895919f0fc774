/**
 * The HTTP edge shared by every controller: request limits, body reading, problem documents. Nothing is null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.web;

import org.jspecify.annotations.NullMarked;
