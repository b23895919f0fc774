package io.flashsale.model.stock;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;

import java.util.Map;
import java.util.UUID;

/**
 * Base of the EntryProcessors that change a stock segment. It names the <em>writer</em> of a change: the member that
 * holds the segment's primary replica when the change runs. The backup replica applies the change under the same
 * writer (the copy {@link #getBackupProcessor} sends carries it), so both replicas count it alike; and the two sides
 * of a split brain, which have no member in common, count their changes under different writers, which is what lets
 * {@link StockSegment#mergedWith} add up what both sides sold.
 *
 * <p>A class, not a record like the other processors: the member injects its identity into a field that must not
 * travel ({@code transient}), and records have no such fields.
 *
 * @param <R> what the change answers
 */
public abstract class SegmentChange<R> implements EntryProcessor<StockKey, StockSegment, R>, HazelcastInstanceAware {

    /** The primary's writer, carried to the backup; 0 in the processor its caller sent (then the local member). */
    private final long writer;
    /** The member this processor runs on, injected by Hazelcast; 0 outside a member. */
    private transient long localWriter;
    /** The member this processor runs on; null outside a member. */
    private transient HazelcastInstance member;

    SegmentChange(long writer) {
        this.writer = writer;
    }

    /** The writer id of a member. Never 0, which means "not named". */
    public static long writerOf(UUID member) {
        long id = member.getMostSignificantBits() ^ member.getLeastSignificantBits();
        return id == 0 ? 1 : id;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        localWriter = writerOf(instance.getCluster().getLocalMember().getUuid());
        member = instance;
    }

    /** Tells the member's {@link OutboxMover} that this change left orders in {@code key}'s outbox. */
    void noteOrders(StockKey key) {
        if (member != null) {
            OutboxMover.of(member).noteOrders(member, key);
        }
    }

    @Override
    public final R process(Map.Entry<StockKey, StockSegment> entry) {
        return apply(entry, writer());
    }

    @Override
    public final EntryProcessor<StockKey, StockSegment, R> getBackupProcessor() {
        return withWriter(writer());
    }

    /** The writer this change carries (0 in the processor its caller sent), as it travels. */
    final long carriedWriter() {
        return writer;
    }

    private long writer() {
        return writer != 0 ? writer : localWriter;
    }

    /** The change itself, deterministic (the backup must reach the same value), counted under {@code writer}. */
    abstract R apply(Map.Entry<StockKey, StockSegment> entry, long writer);

    /** This change with the writer named, for the backup replica. */
    abstract SegmentChange<R> withWriter(long writer);
}
