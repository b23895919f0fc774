package io.flashsale.model.stock;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.SerializedOrders;
import io.flashsale.model.order.SettledOrdersStay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves the orders that batches left in the stock segments' outboxes ({@link StockSegment#outbox()}) into the
 * {@code orders} map, on the member that owns the segment: a read of the outbox, one {@code setAll} (the orders share
 * the segment's partition, so that is one put-all operation, backed up before it returns), then their removal from
 * the outbox. An order is in the outbox, in the map, or briefly in both; never in neither. The units a segment lent
 * ({@link LendUnits}) are delivered the same way: received by the other segment, then forgotten here. A segment that
 * received orders or lent units is moved within {@link #EVERY_MILLIS} ms; every {@link #FULL_PASS_MILLIS} ms all the member's segments are
 * looked at, for those that came to it by migration or failover. Moves of one segment never overlap on a member.
 *
 * <p>One per member (by instance name, in this JVM), started by the first order a batch leaves in an outbox there:
 * every member that runs our processors moves its own, the benchmarks' and tests' members too, with nothing to set
 * up. It ends with its member.
 */
public final class OutboxMover {

    private static final Map<String, OutboxMover> BY_MEMBER = new ConcurrentHashMap<>();
    static final long EVERY_MILLIS = 200;
    static final long FULL_PASS_MILLIS = 5_000;
    /** Orders one move takes at most: the size of one put-all operation stays bounded. */
    static final int MAX_PER_MOVE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(OutboxMover.class);

    private final Set<StockKey> noted = ConcurrentHashMap.newKeySet();
    private final Map<StockKey, Object> locks = new ConcurrentHashMap<>();
    private volatile HazelcastInstance member;
    private volatile boolean guarded;
    private ScheduledExecutorService scheduler;
    private long lastFullPass;

    /** The mover of {@code member}. */
    public static OutboxMover of(HazelcastInstance member) {
        return BY_MEMBER.computeIfAbsent(member.getName(), name -> new OutboxMover());
    }

    /** Starts {@code member}'s mover now rather than at the first order left there (a member taking over others'). */
    public static void startOn(HazelcastInstance member) {
        of(member).start(member);
    }

    /** Called where a batch left orders in {@code key}'s outbox or units were lent (a partition thread: notes it). */
    void noteOrders(HazelcastInstance on, StockKey key) {
        noted.add(key);
        if (member == null) {
            start(on);
        }
    }

    private synchronized void start(HazelcastInstance on) {
        if (member != null) {
            return;
        }
        member = on;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-mover-" + on.getName());
            thread.setDaemon(true);
            return thread;
        });
        lastFullPass = System.currentTimeMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        HazelcastInstance on = member;
        if (!on.getLifecycleService().isRunning()) {
            stop(on);
            return;
        }
        try {
            for (StockKey key : noted) {
                noted.remove(key);
                if (on.getPartitionService().getPartition(key).getOwner().localMember()) {
                    move(on, key);
                }
            }
            if (System.currentTimeMillis() - lastFullPass >= FULL_PASS_MILLIS) {
                lastFullPass = System.currentTimeMillis();
                moveAll(on);
            }
        } catch (HazelcastInstanceNotActiveException e) {
            stop(on);
        } catch (RuntimeException e) {
            // The grid in trouble (a member leaving, the cluster below its minimum): the orders wait in their
            // outboxes, backed up, and the next pass tries again.
            log.warn("Moving orders out of the outboxes failed; trying again", e);
        }
    }

    private void stop(HazelcastInstance on) {
        scheduler.shutdown();
        BY_MEMBER.remove(on.getName(), this);
    }

    /** Moves the outboxes of every segment this member owns; returns the orders moved. */
    public int moveAll(HazelcastInstance on) {
        int moved = 0;
        IMap<StockKey, StockSegment> stock = on.getMap(MapNames.STOCK);
        for (StockKey key : stock.localKeySet()) {
            moved += move(on, key);
        }
        return moved;
    }

    /** Moves the outboxes of the segments in the partition of {@code partitionKey}; returns the orders moved. */
    public int movePartitionOf(HazelcastInstance on, String partitionKey) {
        int moved = 0;
        IMap<StockKey, StockSegment> stock = on.getMap(MapNames.STOCK);
        for (StockKey key : stock.keySet(Predicates.partitionPredicate(partitionKey, Predicates.alwaysTrue()))) {
            moved += move(on, key);
        }
        return moved;
    }

    /** Moves one segment's outbox; returns the orders moved. */
    int move(HazelcastInstance on, StockKey key) {
        if (!guarded) {
            // Before the first put-all: a move repeated over an order paid meanwhile must not turn it back.
            on.getMap(MapNames.ORDERS).addInterceptor(new SettledOrdersStay());
            guarded = true;
        }
        IMap<StockKey, StockSegment> stock = on.getMap(MapNames.STOCK);
        IMap<OrderKey, Object> orders = on.getMap(MapNames.ORDERS);
        int moved = 0;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            while (true) {
                OutboxOrders.Found outbox = stock.executeOnKey(key, new OutboxOrders(MAX_PER_MOVE));
                deliver(stock, key, outbox.transfers());
                List<OrderChunk> found = Arrays.asList(outbox.chunks());
                Map<OrderKey, Object> entries = SerializedOrders.entriesOf(found);
                if (entries.isEmpty()) {
                    return moved;
                }
                // setAll, not putAll: putAll would read every key through from MySQL first; the orders are new. The
                // values are the orders' bytes as their client serialized them, stored as they are.
                orders.setAll(entries);
                stock.executeOnKey(key, new RemoveFromOutbox(found.stream().flatMap(c -> Arrays.stream(c.orderIds()))
                        .toArray(String[]::new)));
                moved += entries.size();
                if (entries.size() < MAX_PER_MOVE) {
                    return moved;
                }
            }
        }
    }

    /** Delivers the units {@code lender} lent, each then forgotten there; a receiver that is gone keeps them here. */
    private static void deliver(IMap<StockKey, StockSegment> stock, StockKey lender, UnitTransfer[] transfers) {
        for (UnitTransfer transfer : transfers) {
            StockKey receiver = new StockKey(lender.saleId(), transfer.toSegment());
            if (stock.executeOnKey(receiver, new ReceiveUnits(transfer.hash(), transfer.units())) < 0) {
                log.warn("{} lent {} units to {}, which is in neither the grid nor the database; they stay lent",
                        lender, transfer.units(), receiver);
                continue;
            }
            stock.executeOnKey(lender, new ForgetTransfer(transfer.hash()));
        }
    }
}
