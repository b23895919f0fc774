/**
 * Tasks that app nodes run on members, which alone talk to the database. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package io.flashsale.model.task;

import org.jspecify.annotations.NullMarked;
