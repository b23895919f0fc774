package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Records the payment of an order, atomically on the order's entry: an {@code ACCEPTED} order within its payment
 * window becomes {@code PAID} with {@code paymentRef}; one past its window becomes {@code EXPIRED} right here (the
 * same decision {@link ExpireOrder} would take, so a payment and an expiry racing for the order end one way only);
 * any other order is left as it is. Returns the order as it is afterwards (null when there is none), so the caller
 * tells a payment, a repeat of the same payment and a refusal apart. Deterministic (the time comes in with it), for
 * the backup replica. Write-behind stores the change.
 */
public record PayOrder(String paymentRef, long now, long paymentWindowMillis)
        implements EntryProcessor<OrderKey, Order, Order> {

    @Override
    public @Nullable Order process(Map.Entry<OrderKey, Order> entry) {
        Order order = entry.getValue();
        if (order == null || order.status() != OrderStatus.ACCEPTED) {
            return order;
        }
        Order after = ExpireOrder.due(order, now, paymentWindowMillis)
                ? order.withStatus(OrderStatus.EXPIRED, now)
                : new Order(order.orderId(), order.saleId(), order.userId(), order.quantity(), OrderStatus.PAID,
                        order.createdAt(), order.requestId(), order.allocation(), paymentRef, now);
        entry.setValue(after);
        return after;
    }

    /** Whether {@code after} (what {@link #process} returned) means this payment is recorded. */
    public boolean recordedIn(@Nullable Order after) {
        return after != null && after.status() == OrderStatus.PAID && paymentRef.equals(after.paymentRef());
    }
}
