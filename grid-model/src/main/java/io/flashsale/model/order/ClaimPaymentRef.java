package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Ties a payment reference to one order, atomically on the reference's entry in {@code payment-refs}: a free
 * reference becomes this order's. Answers the order the reference belongs to afterwards: {@code orderId} when it was
 * free or already this order's, another order's id when that order holds it. Run again (a retry, the backup) it
 * answers the same.
 */
public record ClaimPaymentRef(String orderId) implements EntryProcessor<String, String, String> {

    @Override
    public String process(Map.Entry<String, String> entry) {
        String owner = entry.getValue();
        if (owner == null) {
            entry.setValue(orderId);
            return orderId;
        }
        return owner;
    }
}
