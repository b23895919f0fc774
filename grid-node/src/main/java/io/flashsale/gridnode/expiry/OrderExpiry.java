package io.flashsale.gridnode.expiry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.flashsale.gridnode.cluster.OldestMember;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.ExpireOrder;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.task.OrderReturns;
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
 * Expires unpaid orders and gives their units back. The orders due are found in MySQL, not in the grid: the
 * {@code orders} table has an index on status and creation time that write-behind keeps up off the purchase path,
 * while an index on the grid's {@code orders} map would cost every accepted purchase about 30% of its throughput
 * (docs/BENCHMARKS.md). Every second the oldest member asks the database for accepted orders past the payment window
 * and for cancelled or expired ones whose units are still out, and runs {@link ExpireOrder} and {@link OrderReturns}
 * on them; both act on the grid's entry (read through first when it is not there, as after a full restart) and
 * change nothing when it is already settled, so the database lagging the grid by its write delay costs only calls
 * that do nothing. When the oldest member dies the next oldest sweeps. A member without a database (tests) scans the
 * orders it owns instead.
 */
public final class OrderExpiry implements AutoCloseable {

    /** Members that start together form their cluster in the first seconds; sweeping waits for that. */
    private static final long FIRST_SWEEP_AFTER_MILLIS = 5_000;
    /** Orders of each kind (due, units out) one sweep takes from the database. */
    private static final int DATABASE_BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final HazelcastInstance member;
    private IMap<OrderKey, Order> orders;
    private OrderReturns returns;
    private final GridDatabase database;
    private final long windowMillis;
    private final ScheduledExecutorService sweeper;

    private OrderExpiry(HazelcastInstance member, Duration paymentWindow, GridDatabase database) {
        this.member = member;
        this.database = database;
        this.windowMillis = paymentWindow.toMillis();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                new BasicThreadFactory.Builder().namingPattern("order-expiry").daemon(true).build());
    }

    /** Starts sweeping on {@code member} every {@code every}; {@code database} may be null (own orders scanned). */
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
            // Not at start: creating the map's proxy fails while the cluster is still forming (backups that do not
            // acknowledge); a later sweep tries again.
            orders = member.getMap(MapNames.ORDERS);
            returns = new OrderReturns(member);
        }
        long now = System.currentTimeMillis();
        int returned = database == null ? sweepOwnOrders(now) : sweepFromDatabase(now);
        if (returned > 0) {
            log.info("Order expiry: units of {} cancelled or expired orders back on sale", returned);
        }
        return returned;
    }

    private int sweepFromDatabase(long now) {
        if (!OldestMember.isLocal(member)) {
            return 0;
        }
        List<OrderKey> candidates = new ArrayList<>();
        for (String orderId : database.ordersToSettle(now - windowMillis, DATABASE_BATCH)) {
            candidates.add(new OrderKey(orderId));
        }
        return candidates.isEmpty() ? 0 : settle(expire(candidates, now));
    }

    /** Without a database: a scan of this member's own orders (the map has no index to query). */
    private int sweepOwnOrders(long now) {
        Set<OrderKey> due = orders.localKeySet(Predicates.and(Predicates.equal("status", OrderStatus.ACCEPTED.name()),
                Predicates.lessEqual("createdAt", now - windowMillis)));
        Set<OrderKey> unitsOut = orders.localKeySet(Predicates.and(
                Predicates.in("status", OrderStatus.CANCELLED.name(), OrderStatus.EXPIRED.name()),
                Predicates.notEqual("allocation", "")));
        return settle(expire(due, now)) + settle(orders.getAll(unitsOut).values());
    }

    /**
     * Expires the due orders, one single-key call each (sent together): such a call answers once its backup has the
     * change, and the units go back on sale right after. One {@code executeOnKeys} would answer before its backups
     * (BackupAcknowledgementIT), and the owner dying then would bring an order back unexpired, payable, while its
     * units were being sold again. A failed call fails the sweep; the orders expired meanwhile are settled by the
     * next one (they are found by status again).
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
