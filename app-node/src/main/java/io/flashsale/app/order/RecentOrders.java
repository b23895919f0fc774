package io.flashsale.app.order;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.flashsale.app.web.GridUnavailable;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.task.MoveOutboxes;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds orders that a purchase batch accepted moments ago: those wait in their stock segment's outbox until the
 * segment's member moves them into the {@code orders} map (within a second, see {@code OutboxMover}). An order
 * the map does not have is moved now, by a task on the member that owns its partition (where the segment that
 * recorded it lives), and read again; an unknown id costs that task and a second read (which the first read's
 * negative cache answers without the database).
 */
final class RecentOrders {

    private static final long MOVE_TIMEOUT_MILLIS = 2_000;

    private final IMap<OrderKey, Order> orders;
    private final IExecutorService moves;

    RecentOrders(HazelcastInstance hazelcast) {
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.moves = hazelcast.getExecutorService(MoveOutboxes.EXECUTOR);
    }

    /** The order, from the map or, when it was just accepted, from its segment's outbox (moved now). */
    @Nullable Order get(OrderKey key) {
        try {
            Order order = orders.get(key);
            if (order != null) {
                return order;
            }
        } catch (RuntimeException e) {
            // Past the member's budget of unknown-id lookups (see inMap): an order in an outbox needs none.
        }
        moveIn(key); // also when it moves nothing: the member's own mover may have moved it meanwhile
        return orders.get(key);
    }

    /**
     * Moves the outbox of {@code key}'s partition into the map unless the map has the order: before a change to it
     * (payment, cancellation), which must act on the map's entry.
     */
    void ensureInMap(OrderKey key) {
        if (!inMap(key)) {
            moveIn(key);
        }
    }

    /**
     * Whether the map has the order, reading it through from MySQL when it is not in the grid. That read is one of
     * the member's budgeted lookups of unknown ids: past the budget it fails, and so does it for an order still in
     * an outbox, which the move that follows then finds without the database.
     */
    private boolean inMap(OrderKey key) {
        try {
            return orders.containsKey(key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void moveIn(OrderKey key) {
        try {
            moves.submitToKeyOwner(MoveOutboxes.partitionOf(key), key).get(MOVE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailable("interrupted while looking for an order", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new GridUnavailable("the grid could not look for a recent order", e);
        }
    }
}
