package io.flashsale.model.stock;

import io.flashsale.model.order.OrderChunk;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The operations on a segment's outbox ({@link StockSegment#outbox()}): a chunk of orders per batch, each returning
 * a new array (a batch appends one chunk, not a copy of every order waiting).
 */
final class Outbox {

    static final OrderChunk[] EMPTY = new OrderChunk[0];

    private Outbox() {
    }

    static OrderChunk[] append(OrderChunk[] outbox, OrderChunk added) {
        if (added.size() == 0) {
            return outbox;
        }
        OrderChunk[] after = Arrays.copyOf(outbox, outbox.length + 1);
        after[outbox.length] = added;
        return after;
    }

    static int orders(OrderChunk[] outbox) {
        int orders = 0;
        for (OrderChunk chunk : outbox) {
            orders += chunk.size();
        }
        return orders;
    }

    /** The outbox without the orders named in {@code moved}; the same array when it holds none of them. */
    static OrderChunk[] without(OrderChunk[] outbox, Set<String> moved) {
        OrderChunk[] kept = Arrays.stream(outbox)
                .map(chunk -> chunk.only(i -> !moved.contains(chunk.orderIds()[i])))
                .filter(chunk -> chunk.size() > 0)
                .toArray(OrderChunk[]::new);
        boolean same = kept.length == outbox.length;
        for (int i = 0; same && i < kept.length; i++) {
            same = kept[i] == outbox[i];
        }
        return same ? outbox : kept;
    }

    /** Both outboxes' orders, each id once ({@code mine} first). */
    static OrderChunk[] union(OrderChunk[] mine, OrderChunk[] theirs) {
        Set<String> ids = new HashSet<>();
        for (OrderChunk chunk : mine) {
            ids.addAll(Arrays.asList(chunk.orderIds()));
        }
        OrderChunk[] merged = mine;
        for (OrderChunk chunk : theirs) {
            merged = append(merged, chunk.only(i -> ids.add(chunk.orderIds()[i])));
        }
        return merged;
    }
}
