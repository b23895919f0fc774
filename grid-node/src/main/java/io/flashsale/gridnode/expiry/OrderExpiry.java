package io.flashsale.gridnode.expiry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.flashsale.gridnode.cluster.OldestMember;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.ExpireOrder;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderReturns;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.task.GridDatabase;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Expires unpaid orders and gives their units back, on every member for the orders it owns (a partition-aware
 * sweep, not a timer per order or a single node's job): every second each member queries its own primaries for
 * {@code ACCEPTED} orders past the payment window ({@link ExpireOrder} on them, batched) and for cancelled or
 * expired orders whose units are still out ({@link OrderReturns}). When a member dies its partitions' backups
 * become primaries on the others, whose next sweep covers them; the orders are the same entries, so nothing is
 * expired or returned twice. After a full cluster restart the orders are in MySQL but not in the grid yet: the
 * oldest member also asks the database every {@link #DATABASE_SWEEP_EVERY} sweeps for such orders and runs the same
 * processors on them, which reads them through into the grid first.
 */
public final class OrderExpiry implements AutoCloseable {

    static final int DATABASE_SWEEP_EVERY = 10;
    /** Members that start together form their cluster in the first seconds; sweeping waits for that. */
    private static final long FIRST_SWEEP_AFTER_MILLIS = 5_000;
    private static final int DATABASE_BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final HazelcastInstance member;
    private IMap<OrderKey, Order> orders;
    private OrderReturns returns;
    private final GridDatabase database;
    private final long windowMillis;
    private final ScheduledExecutorService sweeper;
    private long sweeps;

    private OrderExpiry(HazelcastInstance member, Duration paymentWindow, GridDatabase database) {
        this.member = member;
        this.database = database;
        this.windowMillis = paymentWindow.toMillis();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                new BasicThreadFactory.Builder().namingPattern("order-expiry").daemon(true).build());
    }

    /** Starts sweeping on {@code member} every {@code every}; {@code database} may be null (no restart sweep). */
    public static OrderExpiry start(HazelcastInstance member, Duration paymentWindow, GridDatabase database,
                                   Duration every) {
        OrderExpiry expiry = new OrderExpiry(member, paymentWindow, database);
        long first = Math.max(every.toMillis(), FIRST_SWEEP_AFTER_MILLIS);
        expiry.sweeper.scheduleWithFixedDelay(expiry::sweepSafely, first, every.toMillis(), TimeUnit.MILLISECONDS);
        return expiry;
    }

    private void sweepSafely() {
        try {
            if (member.getLifecycleService().isRunning()) {
                sweep();
            }
        } catch (RuntimeException e) {
            // The next sweep tries again: everything it does is safe to repeat.
            log.warn("Order expiry sweep failed; trying again in the next one", e);
        }
    }

    /** One sweep; returns the orders whose units it gave back. */
    int sweep() {
        if (orders == null) {
            // Not at start: creating the map's proxy adds its indexes on every partition, which fails while the
            // cluster is still forming (backups that do not acknowledge); a later sweep tries again.
            orders = member.getMap(MapNames.ORDERS);
            returns = new OrderReturns(member);
        }
        long now = System.currentTimeMillis();
        Set<OrderKey> due = orders.localKeySet(Predicates.and(Predicates.equal("status", OrderStatus.ACCEPTED.name()),
                Predicates.lessEqual("createdAt", now - windowMillis)));
        Set<OrderKey> unitsOut = orders.localKeySet(Predicates.and(
                Predicates.in("status", OrderStatus.CANCELLED.name(), OrderStatus.EXPIRED.name()),
                Predicates.notEqual("allocation", "")));
        List<OrderKey> fromDatabase = new ArrayList<>();
        if (database != null && sweeps++ % DATABASE_SWEEP_EVERY == 0 && OldestMember.isLocal(member)) {
            for (String orderId : database.ordersToSettle(now - windowMillis, DATABASE_BATCH)) {
                fromDatabase.add(new OrderKey(orderId));
            }
        }
        int returned = settle(expire(due, now)) + settle(orders.getAll(unitsOut).values());
        if (!fromDatabase.isEmpty()) {
            returned += settle(expire(fromDatabase, now));
        }
        if (returned > 0) {
            log.info("Order expiry: units of {} cancelled or expired orders back on sale", returned);
        }
        return returned;
    }

    /**
     * Expires the due orders, one single-key call each (sent together): such a call answers once its backup has the
     * change, and the units go back on sale right after. One {@code executeOnKeys} would answer before its backups
     * (BackupAcknowledgementIT), and the owner dying then would bring an order back unexpired, payable, while its
     * units were being sold again. A failed call fails the sweep; the orders expired meanwhile are settled by the
     * next one (they are found by status).
     */
    private Collection<Order> expire(Collection<OrderKey> keys, long now) {
        ExpireOrder expire = new ExpireOrder(now, windowMillis);
        List<CompletableFuture<Order>> calls = new ArrayList<>(keys.size());
        for (OrderKey key : keys) {
            calls.add(orders.submitToKey(key, expire).toCompletableFuture());
        }
        List<Order> after = new ArrayList<>(calls.size());
        for (CompletableFuture<Order> call : calls) {
            after.add(call.join());
        }
        return after;
    }

    private int settle(Collection<Order> candidates) {
        int settled = 0;
        for (Order order : candidates) {
            if (order != null && order.unitsOut()) {
                try {
                    returns.giveBack(order);
                    settled++;
                } catch (RuntimeException e) {
                    // One order that cannot be settled must not hold up the others; it is found again next sweep.
                    log.warn("Could not give back the units of order {}", order.orderId(), e);
                }
            }
        }
        return settled;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
