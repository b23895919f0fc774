package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * The buyer cancels an {@code ACCEPTED} order: it becomes {@code CANCELLED}, atomically on the order's entry; any
 * other order is left as it is. Answers whether this call cancelled it, so that of concurrent cancels exactly one is
 * told so (a stamp compared afterwards told every cancel of the same millisecond it had won). The one that cancelled
 * has {@link OrderReturns} give the units back; should a retried call find its own first run's work, it is told
 * "not cancelled" and the members' expiry sweep gives the units back instead.
 *
 * @param buyer who cancels: only their own order is found (another buyer's answers as if there were none, in the same
 *              call, so nothing changes between a check and the cancel); null for the admin token, any order
 */
public record CancelOrder(long now, @Nullable String buyer)
        implements EntryProcessor<OrderKey, Order, CancelOrder.Result> {

    /** The order afterwards (null when there is none), and whether this call cancelled it. */
    public record Result(@Nullable Order order, boolean cancelled) {
    }

    @Override
    public Result process(Map.Entry<OrderKey, Order> entry) {
        Order order = entry.getValue();
        if (order != null && buyer != null && !buyer.equals(order.userId())) {
            return new Result(null, false); // someone else's order is, to this buyer, no order
        }
        if (order == null || order.status() != OrderStatus.ACCEPTED) {
            return new Result(order, false);
        }
        Order cancelled = order.withStatus(OrderStatus.CANCELLED, now);
        entry.setValue(cancelled);
        return new Result(cancelled, true);
    }
}
