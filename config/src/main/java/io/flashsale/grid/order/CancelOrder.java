package io.flashsale.grid.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * The buyer cancels an {@code ACCEPTED} order: it becomes {@code CANCELLED}, atomically on the order's entry; any
 * other order is left as it is. Returns the order afterwards (null when there is none): the caller tells its own
 * cancellation by {@link #cancelledBy}, then has {@link OrderReturns} give the units back.
 */
public record CancelOrder(long now) implements EntryProcessor<OrderKey, Order, Order> {

    @Override
    public Order process(Map.Entry<OrderKey, Order> entry) {
        Order order = entry.getValue();
        if (order == null || order.status() != OrderStatus.ACCEPTED) {
            return order;
        }
        Order cancelled = order.withStatus(OrderStatus.CANCELLED, now);
        entry.setValue(cancelled);
        return cancelled;
    }

    /** Whether {@code after} (what {@link #process} returned) is this cancellation's doing. */
    public boolean cancelledBy(Order after) {
        return after != null && after.status() == OrderStatus.CANCELLED && after.updatedAt() == now;
    }
}
