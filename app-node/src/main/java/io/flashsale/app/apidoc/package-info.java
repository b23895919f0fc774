/**
 * The API's OpenAPI document and its Swagger UI: springdoc over the controllers, with the contract's callers, bodies,
 * statuses and problem types added. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.apidoc;

import org.jspecify.annotations.NullMarked;
