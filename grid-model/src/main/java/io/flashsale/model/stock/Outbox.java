package io.flashsale.model.stock;

import io.flashsale.model.order.OrderChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
        List<OrderChunk> kept = new ArrayList<>(outbox.length);
        boolean changed = false;
        int left = moved.size();
        for (OrderChunk chunk : outbox) {
            if (left == 0) { // the moved orders are the oldest: the rest of a long outbox is not looked at
                kept.add(chunk);
                continue;
            }
            int found = 0;
            for (String id : chunk.orderIds()) {
                found += moved.contains(id) ? 1 : 0;
            }
            // A chunk is moved whole or not at all, but for after a merge; filtering is for that case only.
            if (found == 0) {
                kept.add(chunk);
            } else if (found < chunk.size()) {
                kept.add(chunk.only(i -> !moved.contains(chunk.orderIds()[i])));
            }
            changed |= found > 0;
            left -= found;
        }
        return changed ? kept.toArray(OrderChunk[]::new) : outbox;
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
