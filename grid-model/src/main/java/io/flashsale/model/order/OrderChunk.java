package io.flashsale.model.order;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.flashsale.model.serial.WrittenOutSerializer;

import java.util.Arrays;
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
        int[] kept = new int[size()];
        int count = 0;
        int bytes = 0;
        for (int i = 0; i < size(); i++) {
            if (keep.test(i)) {
                kept[count++] = i;
                bytes += ends[i] - (i == 0 ? 0 : ends[i - 1]);
            }
        }
        if (count == size()) {
            return this;
        }
        String[] ids = new String[count];
        byte[] data = new byte[bytes];
        int[] newEnds = new int[count];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int i = kept[k];
            int start = i == 0 ? 0 : ends[i - 1];
            System.arraycopy(orders, start, data, at, ends[i] - start);
            at += ends[i] - start;
            ids[k] = orderIds[i];
            newEnds[k] = at;
        }
        return new OrderChunk(ids, data, newEnds);
    }

    /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
    public static final class Serializer extends WrittenOutSerializer<OrderChunk> {

        public Serializer() {
            super(OrderChunk.class);
        }

        @Override
        public OrderChunk read(CompactReader in) {
            return new OrderChunk(in.readArrayOfString("orderIds"), in.readArrayOfInt8("orders"), in.readArrayOfInt32("ends"));
        }

        @Override
        public void write(CompactWriter out, OrderChunk value) {
            out.writeArrayOfString("orderIds", value.orderIds());
            out.writeArrayOfInt8("orders", value.orders());
            out.writeArrayOfInt32("ends", value.ends());
        }
    }
}
