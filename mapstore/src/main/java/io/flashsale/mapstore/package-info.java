/**
 * The grid's persistence: MapLoaders and MapStores over JDBC, the schema, the embedded database. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.mapstore;

import org.jspecify.annotations.NullMarked;
