package io.flashsale.model.merge;

/**
 * A grid value that knows how to merge with its copy from the other side of a split brain, without losing what
 * either side did (see {@link MergeCopies}).
 *
 * @param <V> the value's type
 */
public interface Mergeable<V extends Mergeable<V>> {

    /** This value (the larger cluster's copy) merged with {@code other} (the smaller cluster's copy). */
    V mergedWith(V other);
}
