package io.flashsale.model.order;

import com.hazelcast.map.MapInterceptor;

/**
 * The orders map's guard against a stale copy: a write of an {@code ACCEPTED} order over one that has moved on (paid,
 * cancelled, expired) keeps the stored one. Such a copy comes from moving an outbox twice ({@code OutboxMover}): a
 * put-all retried after its member died, or two members moving the same segment while its partition migrates, with
 * a payment in between. No order ever goes back to {@code ACCEPTED}, so nothing legitimate is refused.
 *
 * <p>Registered once per cluster (the same id on every member: equal and hashed by class). It costs a decoding of
 * each value written to the orders map, which only the members' movers and the order transitions write.
 */
public final class SettledOrdersStay implements MapInterceptor {

    private static final long serialVersionUID = 1L;

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
        if (oldValue instanceof Order stored && newValue instanceof Order written
                && stored.status() != OrderStatus.ACCEPTED && written.status() == OrderStatus.ACCEPTED) {
            return stored;
        }
        return newValue;
    }

    @Override
    public Object interceptGet(Object value) {
        return null;
    }

    @Override
    public void afterGet(Object value) {
    }

    @Override
    public void afterPut(Object value) {
    }

    @Override
    public Object interceptRemove(Object removedValue) {
        return null;
    }

    @Override
    public void afterRemove(Object value) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettledOrdersStay;
    }

    @Override
    public int hashCode() {
        return SettledOrdersStay.class.getName().hashCode();
    }
}
