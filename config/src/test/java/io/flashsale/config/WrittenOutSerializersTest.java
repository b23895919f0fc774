package io.flashsale.config;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.compact.Schema;
import com.hazelcast.internal.serialization.impl.compact.SchemaService;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.TryReserveForBatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serializers written out by hand ({@code WrittenOutSerializer}) give the bytes Hazelcast's reflective Compact
 * serializer gives the same values, so members and clients built before them read what they write and the other way
 * round; and what they write reads back equal.
 */
class WrittenOutSerializersTest {

    /** The cluster's schemas, which both kinds of member or client share. */
    private final SchemaService schemas = new LocalSchemas();
    private final InternalSerializationService reflective = service(reflectiveConfig(), schemas);
    private final InternalSerializationService writtenOut = service(writtenOutConfig(), schemas);

    @Test
    void writeTheBytesOfTheReflectiveSerializer() {
        for (Object value : samples()) {
            assertThat(writtenOut.toData(value).toByteArray()).as(value.getClass().getName())
                    .isEqualTo(reflective.toData(value).toByteArray());
        }
    }

    @Test
    void readBackWhatTheyWrite() {
        for (Object value : samples()) {
            Object back = writtenOut.toObject(writtenOut.toData(value));
            assertThat(back).as(value.getClass().getName()).usingRecursiveComparison().isEqualTo(value);
        }
    }

    @Test
    void readWhatTheReflectiveSerializerWrote() {
        for (Object value : samples()) {
            Object back = writtenOut.toObject(reflective.toData(value));
            assertThat(back).as(value.getClass().getName()).usingRecursiveComparison().isEqualTo(value);
        }
    }

    private static List<Object> samples() {
        Order paid = new Order("0a1b2c3d-order", "sale-1", "user-7", 2, OrderStatus.PAID, 1_700_000_000_000L,
                "request-9", "0:1,3:1", "pay-42", 1_700_000_001_000L);
        Order accepted = new Order("0a1b2c3d-other", "sale-1", "user-8", 1, OrderStatus.ACCEPTED, 1_700_000_000_000L,
                null, null, null, 1_700_000_000_000L);
        OrderChunk chunk = new OrderChunk(new String[] {"o-1", "o-2"}, new byte[] {1, 2, 3, -4, 5}, new int[] {2, 5});
        ClaimUnits.Claims claims = new ClaimUnits.Claims(new String[] {"user-7", "user-8"},
                new String[] {"o-1", "o-2"}, new int[] {2, 1}, 5);
        return List.of(paid, accepted, new OrderKey("0a1b2c3d-order"), new StockKey("sale-1", 3), chunk, claims,
                new TryReserveForBatch(claims, new long[] {11L, -12L}, new int[] {2, 1}, chunk),
                new TryReserveForBatch(new long[] {13L}, new int[] {1}),
                new TryReserveForBatch.Result(new int[] {2, 0}, 17, false, new int[] {1, 3}));
    }

    private static SerializationConfig reflectiveConfig() {
        SerializationConfig config = new SerializationConfig();
        config.getCompactSerializationConfig().addClass(Order.class).addClass(OrderKey.class)
                .addClass(StockKey.class).addClass(OrderChunk.class).addClass(ClaimUnits.Claims.class)
                .addClass(TryReserveForBatch.class).addClass(TryReserveForBatch.Result.class);
        return config;
    }

    private static SerializationConfig writtenOutConfig() {
        SerializationConfig config = new SerializationConfig();
        GridSerialization.register(config);
        return config;
    }

    private static InternalSerializationService service(SerializationConfig config, SchemaService schemas) {
        return new DefaultSerializationServiceBuilder().setConfig(config).setSchemaService(schemas).build();
    }

    /** Schemas in memory, as the cluster's schema service holds them. */
    private static final class LocalSchemas implements SchemaService {

        private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();

        @Override
        public Schema get(long schemaId) {
            return schemas.get(schemaId);
        }

        @Override
        public void put(Schema schema) {
            schemas.put(schema.getSchemaId(), schema);
        }

        @Override
        public void putLocal(Schema schema) {
            put(schema);
        }
    }
}
