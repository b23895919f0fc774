package io.flashsale.model.order;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Records on a cancelled or expired order that its units are back in the stock (its allocation emptied), so that
 * nobody gives them back again. The last step of {@link OrderReturns}.
 */
public record MarkUnitsReturned() implements EntryProcessor<OrderKey, Order, Boolean> {

    @Override
    public Boolean process(Map.Entry<OrderKey, Order> entry) {
        Order order = entry.getValue();
        if (order == null || !order.unitsOut()) {
            return false;
        }
        entry.setValue(order.withUnitsReturned());
        return true;
    }
}
