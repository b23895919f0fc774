package io.flashsale.model.order;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Orders in the form the {@code orders} map stores them: each order serialized once, by the client that made it, and
 * carried as bytes from then on (in a batch's processor, a stock segment's outbox, its backup, the put into the map),
 * so no member decodes or re-encodes them on the purchase path ({@link SerializedOrders}).
 *
 * @param orderIds the orders' ids, in order
 * @param orders   the serialized orders, one after the other
 * @param ends     where each order's bytes end in {@code orders}
 */
public record OrderChunk(String[] orderIds, byte[] orders, int[] ends) {

    public static final OrderChunk EMPTY = new OrderChunk(new String[0], new byte[0], new int[0]);

    public OrderChunk {
        if (orderIds.length != ends.length) {
            throw new IllegalArgumentException("one end per order");
        }
    }

    public int size() {
        return orderIds.length;
    }

    /** The serialized bytes of order {@code i}. */
    public byte[] bytesOf(int i) {
        return Arrays.copyOfRange(orders, i == 0 ? 0 : ends[i - 1], ends[i]);
    }

    /** This chunk with only the orders at the indexes {@code keep} accepts; this chunk when it keeps all. */
    public OrderChunk only(IntPredicate keep) {
        List<Integer> kept = new ArrayList<>(size());
        int bytes = 0;
        for (int i = 0; i < size(); i++) {
            if (keep.test(i)) {
                kept.add(i);
                bytes += ends[i] - (i == 0 ? 0 : ends[i - 1]);
            }
        }
        if (kept.size() == size()) {
            return this;
        }
        String[] ids = new String[kept.size()];
        byte[] data = new byte[bytes];
        int[] newEnds = new int[kept.size()];
        int at = 0;
        for (int k = 0; k < kept.size(); k++) {
            int i = kept.get(k);
            int start = i == 0 ? 0 : ends[i - 1];
            System.arraycopy(orders, start, data, at, ends[i] - start);
            at += ends[i] - start;
            ids[k] = orderIds[i];
            newEnds[k] = at;
        }
        return new OrderChunk(ids, data, newEnds);
    }
}
