package io.flashsale.config;

import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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

    @Test
    void aBatchOfClaimsIsAnsweredOnlyOnceItsBackupHasIt() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey home = new StockKey("acks-" + UUID.randomUUID(), 0);

        BackupHold hold = holdBackup(stock, home, StockSegment.initial(10));
        int[] outcomes = stock.executeOnKey(home, new ClaimUnits(new String[] {"buyer", "other"},
                new String[] {"request-1", "request-2"}, new int[] {1, 1}, 2));
        long answered = System.nanoTime();

        assertThat(outcomes).containsExactly(1, 1);
        assertThat(answered).as("answered after the backup replica could apply it").isGreaterThan(hold.endNanos());
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

        BackupHold hold = holdBackup(orders, neighbour, order(neighbour.orderId()));
        orders.setAll(batch); // from a client: one put-all operation per partition, which waits for its backup
        long answered = System.nanoTime();

        assertThat(orders.getAll(batch.keySet())).hasSize(5);
        assertThat(answered).as("answered after the backup replica could apply it").isGreaterThan(hold.endNanos());
    }

    /** Writes {@code value} at {@code key}, then holds the partition's backup (see {@link BackupHold}). */
    private static <K, V> BackupHold holdBackup(IMap<K, V> map, K key, V value) {
        map.set(key, value);
        BackupHold hold = BackupHold.start(map, key, HOLD_MILLIS);
        assertThat(hold.holdingWrite()).as("the holding write itself waits for its backup").isNotDone();
        return hold;
    }

    private static Order order(String id) {
        long now = System.currentTimeMillis();
        return new Order(id, "acks", "buyer", 1, OrderStatus.ACCEPTED, now, null, "0:1", null, now);
    }
}
