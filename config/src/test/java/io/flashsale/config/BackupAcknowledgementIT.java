package io.flashsale.config;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.claim.ClaimGroup;
import io.flashsale.model.claim.ClaimGroupKey;
import io.flashsale.model.claim.ClaimUnits;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls of the purchase path that store what a buyer is told about (the claim on the per-user limit, the order)
 * answer only once the synchronous backup has applied the change, so that the owner dying right after an answer
 * loses nothing of it. Not every call does: {@code IMap.executeOnKeys} answers when its partitions' owners are done
 * and lets backups follow (it runs as one operation per partition, which is not backup-aware), which let a buyer
 * past the limit when a member was paused or cut off right after a batch's claims.
 *
 * <p>Each test holds the backup replica's partition thread busy (a backup processor that sleeps) in the partition
 * the tested call writes, then checks that the call was answered after the hold ended: its backup queued behind
 * the hold, so an answer before that came without the backup.
 */
class BackupAcknowledgementIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("backup-acks");

    /** The backup replica sleeps this long; well under the backup timeout (5 s), past which the call would fail. */
    private static final long HOLD_MILLIS = 1_500;

    private static final Map<String, CountDownLatch> HOLDS_STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Long> HOLDS_ENDED = new ConcurrentHashMap<>();

    @Test
    void aBatchOfClaimsIsAnsweredOnlyOnceItsBackupHasIt() {
        IMap<ClaimGroupKey, ClaimGroup> claims = GRID.client().getMap(MapNames.CLAIMS);
        ClaimGroupKey group = new ClaimGroupKey("acks-" + UUID.randomUUID(), 0);

        String hold = holdBackup(claims, group, new ClaimGroup());
        int[] outcomes = claims.executeOnKey(group, new ClaimUnits(new String[] {"buyer", "other"},
                new String[] {"request-1", "request-2"}, new int[] {1, 1}, 2));
        long answered = System.nanoTime();

        assertThat(outcomes).containsExactly(1, 1);
        assertThat(answered).as("answered after the backup replica could apply it").isGreaterThan(holdEnd(hold));
    }

    @Test
    void aBatchOfOrdersIsAnsweredOnlyOnceItsBackupHasIt() {
        IMap<OrderKey, Order> orders = GRID.client().getMap(MapNames.ORDERS);
        String prefix = "ac0ac0ac"; // the batch's orders share a partition by their first digits, like the flow's
        OrderKey neighbour = new OrderKey(prefix + UUID.randomUUID().toString().substring(OrderKey.PARTITION_PREFIX));
        Map<OrderKey, Order> batch = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            String id = prefix + UUID.randomUUID().toString().substring(OrderKey.PARTITION_PREFIX);
            batch.put(new OrderKey(id), order(id));
        }

        String hold = holdBackup(orders, neighbour, order(neighbour.orderId()));
        orders.setAll(batch); // from a client: one put-all operation per partition, which waits for its backup
        long answered = System.nanoTime();

        assertThat(orders.getAll(batch.keySet())).hasSize(5);
        assertThat(answered).as("answered after the backup replica could apply it").isGreaterThan(holdEnd(hold));
    }

    /**
     * Writes {@code value} at {@code key}, then writes it again with a backup processor that sleeps
     * {@link #HOLD_MILLIS} on the backup replica's partition thread; returns once that sleep has begun, so that a
     * later write to the partition has its backup queued behind it.
     */
    private static <K, V> String holdBackup(IMap<K, V> map, K key, V value) {
        map.set(key, value);
        String hold = UUID.randomUUID().toString();
        CountDownLatch started = new CountDownLatch(1);
        HOLDS_STARTED.put(hold, started);
        CompletableFuture<Object> holding = map.submitToKey(key, new HoldBackup<K, V>(hold)).toCompletableFuture();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).as("the backup hold began").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(holding).as("the holding write itself waits for its backup").isNotDone();
        return hold;
    }

    private static long holdEnd(String hold) {
        Long end = HOLDS_ENDED.get(hold);
        assertThat(end).as("the hold ended before the answer").isNotNull();
        return end;
    }

    private static Order order(String id) {
        long now = System.currentTimeMillis();
        return new Order(id, "acks", "buyer", 1, OrderStatus.ACCEPTED, now, null, "0:1", null, now);
    }

    /**
     * Sets the entry's value again (a change, so a backup is sent); its backup does too, after sleeping on the
     * backup replica's partition thread. Java-serialized: it carries only the hold's id.
     */
    record HoldBackup<K, V>(String hold) implements EntryProcessor<K, V, Object> {

        @Override
        public Object process(Map.Entry<K, V> entry) {
            entry.setValue(entry.getValue());
            return null;
        }

        @Override
        public EntryProcessor<K, V, Object> getBackupProcessor() {
            return new SleepingBackup<>(hold);
        }
    }

    record SleepingBackup<K, V>(String hold) implements EntryProcessor<K, V, Object> {

        @Override
        public Object process(Map.Entry<K, V> entry) {
            HOLDS_STARTED.get(hold).countDown();
            try {
                Thread.sleep(HOLD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            entry.setValue(entry.getValue());
            HOLDS_ENDED.put(hold, System.nanoTime());
            return null;
        }
    }
}
