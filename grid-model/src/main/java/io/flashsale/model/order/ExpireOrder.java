package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Expires an {@code ACCEPTED} order whose payment window has passed, atomically on the order's entry (a payment
 * running at the same time is ordered before or after it by the partition, so exactly one of them wins). Returns the
 * order as it is afterwards, or null when there is none; its units are still out then ({@link Order#unitsOut()}) and
 * {@link OrderReturns} gives them back. Deterministic (the time comes in with it), for the backup replica.
 */
public record ExpireOrder(long now, long paymentWindowMillis) implements EntryProcessor<OrderKey, Order, Order> {

    @Override
    public @Nullable Order process(Map.Entry<OrderKey, Order> entry) {
        Order order = entry.getValue();
        if (order == null || order.status() != OrderStatus.ACCEPTED || !due(order, now, paymentWindowMillis)) {
            return order;
        }
        Order expired = order.withStatus(OrderStatus.EXPIRED, now);
        entry.setValue(expired);
        return expired;
    }

    /** Whether an accepted order's payment window has passed at {@code now}. */
    static boolean due(Order order, long now, long paymentWindowMillis) {
        return now - order.createdAt() >= paymentWindowMillis;
    }
}
