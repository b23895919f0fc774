package io.flashsale.model.stock;

import com.hazelcast.map.EntryProcessor;
import io.flashsale.model.order.OrderChunk;

import java.util.Map;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Removes orders from a segment's outbox once they are in the {@code orders} map; ids it does not hold are skipped,
 * so a repeat changes nothing. Answers how many it removed. Runs as is on the backup.
 */
public record RemoveFromOutbox(String[] orderIds) implements EntryProcessor<StockKey, StockSegment, Integer> {

    @Override
    public Integer process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        if (segment == null) {
            return 0;
        }
        OrderChunk[] kept = Outbox.without(segment.outbox(), new HashSet<>(Arrays.asList(orderIds)));
        if (kept == segment.outbox()) {
            return 0;
        }
        entry.setValue(segment.withOutbox(kept));
        return Outbox.orders(segment.outbox()) - Outbox.orders(kept);
    }
}
