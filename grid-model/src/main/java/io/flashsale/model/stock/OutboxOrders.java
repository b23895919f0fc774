package io.flashsale.model.stock;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.flashsale.model.order.OrderChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a segment's outbox, oldest chunk first, without the rest of the segment: whole chunks until {@code max}
 * orders are reached (at least one chunk), and the units it lent that wait to be delivered.
 */
public record OutboxOrders(int max) implements EntryProcessor<StockKey, StockSegment, OutboxOrders.Found>, ReadOnly {

    /** The orders read, and the outgoing transfers. */
    public record Found(OrderChunk[] chunks, UnitTransfer[] transfers) {
    }

    public OutboxOrders {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
    }

    @Override
    public Found process(Map.Entry<StockKey, StockSegment> entry) {
        StockSegment segment = entry.getValue();
        OrderChunk[] outbox = segment == null ? Outbox.EMPTY : segment.outbox();
        List<OrderChunk> found = new ArrayList<>();
        int orders = 0;
        for (int i = 0; i < outbox.length && (orders < max || found.isEmpty()); i++) {
            found.add(outbox[i]);
            orders += outbox[i].size();
        }
        UnitTransfer[] transfers = segment == null ? new UnitTransfer[0] : segment.transfers().outgoing();
        return new Found(found.toArray(OrderChunk[]::new), transfers);
    }

    @Override
    public EntryProcessor<StockKey, StockSegment, Found> getBackupProcessor() {
        return null;
    }
}
