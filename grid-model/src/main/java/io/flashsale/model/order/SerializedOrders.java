package io.flashsale.model.order;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.spi.impl.SerializationServiceSupport;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders serialized once ({@link OrderChunk}), and put into the {@code orders} map as those bytes. Hazelcast hands a
 * value that is already its {@code Data} through without serializing it again, which is what saves the members from
 * decoding and re-encoding every order (the largest member cost of moving orders out of the outboxes, in a flight
 * recording). The one place that touches Hazelcast's internal serialization API.
 */
public final class SerializedOrders {

    private SerializedOrders() {
    }

    /** {@code orders} serialized by {@code hazelcast} (a client or member), as one chunk. */
    public static OrderChunk chunkOf(HazelcastInstance hazelcast, List<Order> orders) {
        SerializationService serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
        String[] ids = new String[orders.size()];
        int[] ends = new int[orders.size()];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(orders.size() * 256);
        for (int i = 0; i < orders.size(); i++) {
            Data data = serialization.toData(orders.get(i));
            bytes.writeBytes(data.toByteArray());
            ids[i] = orders.get(i).orderId();
            ends[i] = bytes.size();
        }
        return new OrderChunk(ids, bytes.toByteArray(), ends);
    }

    /** The orders of {@code chunks} as entries for {@code IMap.setAll}, each value its stored bytes. */
    public static Map<OrderKey, Object> entriesOf(List<OrderChunk> chunks) {
        Map<OrderKey, Object> entries = new HashMap<>();
        for (OrderChunk chunk : chunks) {
            for (int i = 0; i < chunk.size(); i++) {
                entries.put(new OrderKey(chunk.orderIds()[i]), new HeapData(chunk.bytesOf(i)));
            }
        }
        return entries;
    }
}
