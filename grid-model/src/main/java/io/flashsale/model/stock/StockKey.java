package io.flashsale.model.stock;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import com.hazelcast.partition.PartitionAware;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.serial.WrittenOutSerializer;

/**
 * Key of one stock segment. Its partition is chosen by {@link #partitionToken()}, a hash of sale and segment, so the
 * segments of one sale still spread over the grid, and the orders a segment accepts carry the same token as the
 * first characters of their ids ({@link OrderKey}): an order lands in its segment's partition, where the segment's
 * outbox held it first (see {@link StockSegment#outbox()}).
 */
public record StockKey(String saleId, int segment) implements PartitionAware<String> {

    /** {@value OrderKey#PARTITION_PREFIX} hex digits naming this segment's partition; stable across JVMs. */
    public String partitionToken() {
        int h = saleId.hashCode() * 31 + segment;
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        String hex = Integer.toHexString(h); // as %08x, without a Formatter on every stock call's partition lookup
        return "00000000".substring(hex.length()) + hex;
    }

    @Override
    public String getPartitionKey() {
        return partitionToken();
    }

    /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
    public static final class Serializer extends WrittenOutSerializer<StockKey> {

        public Serializer() {
            super(StockKey.class);
        }

        @Override
        public StockKey read(CompactReader in) {
            return new StockKey(in.readString("saleId"), in.readInt32("segment"));
        }

        @Override
        public void write(CompactWriter out, StockKey value) {
            out.writeString("saleId", value.saleId());
            out.writeInt32("segment", value.segment());
        }
    }
}
