package io.flashsale.model.task;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Serialization factory of the member tasks; registered on members and clients alike. */
public final class GridTasks implements DataSerializableFactory {

    public static final int FACTORY_ID = 7_100;
    static final int DATABASE_AUDIT = 1;
    static final int PENDING_WRITES = 2;
    static final int DATABASE_PING = 3;
    static final int REBUILD_CLAIMS = 4;
    static final int MOVE_OUTBOXES = 5;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case DATABASE_AUDIT -> new DatabaseAudit();
            case PENDING_WRITES -> new PendingWrites();
            case DATABASE_PING -> new DatabasePing();
            case REBUILD_CLAIMS -> new RebuildClaims();
            case MOVE_OUTBOXES -> new MoveOutboxes();
            default -> throw new IllegalArgumentException("unknown member task type " + typeId);
        };
    }
}
