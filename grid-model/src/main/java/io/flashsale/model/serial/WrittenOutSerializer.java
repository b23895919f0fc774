package io.flashsale.model.serial;

import com.hazelcast.nio.serialization.compact.CompactSerializer;

/**
 * Base of the Compact serializers written out by hand for the types on the purchase path. Each keeps the type name,
 * field names and field kinds the reflective serializer gives its type, so the bytes are the same and members and
 * clients of either kind read each other. Why by hand: the reflective serializer reads and writes each record
 * component through reflection and a schema lookup by name, and in a flight recording of the benchmark that cost the
 * members more than the work the values travel for (a batch's processor, decoded on the primary and again on the
 * backup; each order moved into the orders map).
 *
 * @param <T> the type serialized
 */
public abstract class WrittenOutSerializer<T> implements CompactSerializer<T> {

    private final Class<T> type;

    protected WrittenOutSerializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public final String getTypeName() {
        return type.getName();
    }

    @Override
    public final Class<T> getCompactClass() {
        return type;
    }
}
