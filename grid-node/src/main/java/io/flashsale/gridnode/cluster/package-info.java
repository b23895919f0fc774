/**
 * The member within its cluster: split-brain watch, and which member is the oldest. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.flashsale.gridnode.cluster;

import org.jspecify.annotations.NullMarked;
