package io.flashsale.model.task;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.stock.OutboxMover;
import org.jspecify.annotations.Nullable;

import java.io.IOException;

/**
 * Moves orders out of the stock segments' outboxes into the {@code orders} map now, on the member it runs on: those
 * of one partition (sent to the owner of an order's key, to find an order a batch accepted moments ago), or all the
 * member's (before a flush). Answers how many it moved.
 */
public final class MoveOutboxes extends MemberTask<Integer> {

    /** The executor these run on: its own, so that order reads never queue behind the database tasks. */
    public static final String EXECUTOR = "flashsale-outbox";

    private @Nullable String partitionKey;

    /** For deserialization. */
    public MoveOutboxes() {
    }

    private MoveOutboxes(@Nullable String partitionKey) {
        this.partitionKey = partitionKey;
    }

    /** The outboxes of the segments in {@code order}'s partition (run it on that partition's owner). */
    public static MoveOutboxes partitionOf(OrderKey order) {
        return new MoveOutboxes(order.getPartitionKey());
    }

    /** Every outbox the member owns. */
    public static MoveOutboxes all() {
        return new MoveOutboxes(null);
    }

    @Override
    public Integer call() {
        OutboxMover mover = OutboxMover.of(hazelcast());
        return partitionKey == null ? mover.moveAll(hazelcast()) : mover.movePartitionOf(hazelcast(), partitionKey);
    }

    @Override
    public int getClassId() {
        return GridTasks.MOVE_OUTBOXES;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(partitionKey);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        partitionKey = in.readString();
    }
}
