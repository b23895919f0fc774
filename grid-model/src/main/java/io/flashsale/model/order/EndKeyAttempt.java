package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Ends an attempt at a keyed purchase that did not make its order (refused, or failed), so that the client's retry
 * with the same key takes the key over at once instead of waiting out the attempt's lease. Another attempt's claim
 * is left alone. Idempotent and deterministic.
 */
public record EndKeyAttempt(String attemptId) implements EntryProcessor<String, KeyUse, Boolean> {

    @Override
    public Boolean process(Map.Entry<String, KeyUse> entry) {
        KeyUse use = entry.getValue();
        if (use == null || !use.attemptId().equals(attemptId)) {
            return false;
        }
        entry.setValue(new KeyUse(use.fingerprint(), use.orderId(), use.attemptId(), 0));
        return true;
    }
}
