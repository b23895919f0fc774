package io.flashsale.model.order;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import com.hazelcast.partition.PartitionAware;

import io.flashsale.model.serial.WrittenOutSerializer;

import java.util.Objects;

/**
 * Key of an order in the grid. The order's partition is named by the first {@value #PARTITION_PREFIX} characters of
 * its id, so the orders of one purchase batch, whose ids share that prefix, are stored by one partition operation
 * with one backup (a backed-up operation is the grid's main cost here). Random ids spread evenly, as before.
 */
public record OrderKey(String orderId) implements PartitionAware<String> {

    /** Characters of the id that choose its partition. */
    public static final int PARTITION_PREFIX = 8;

    public OrderKey {
        Objects.requireNonNull(orderId, "orderId");
    }

    @Override
    public String getPartitionKey() {
        return orderId.length() <= PARTITION_PREFIX ? orderId : orderId.substring(0, PARTITION_PREFIX);
    }

    /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
    public static final class Serializer extends WrittenOutSerializer<OrderKey> {

        public Serializer() {
            super(OrderKey.class);
        }

        @Override
        public OrderKey read(CompactReader in) {
            return new OrderKey(in.readString("orderId"));
        }

        @Override
        public void write(CompactWriter out, OrderKey value) {
            out.writeString("orderId", value.orderId());
        }
    }
}
