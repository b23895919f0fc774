package io.flashsale.app.admin;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.sale.Sales;
import io.flashsale.app.sale.StockLevels;
import io.flashsale.app.web.GridUnavailable;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.task.DatabaseAudit;
import io.flashsale.model.task.MemberTask;
import io.flashsale.model.task.MoveOutboxes;
import io.flashsale.model.task.PendingWrites;
import jakarta.annotation.PreDestroy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Admin: flush the write-behind queues, audit a sale against the database. */
@RestController
class AdminController {

    private static final long TASK_TIMEOUT_SECONDS = 30;

    private final HazelcastInstance hazelcast;
    private final Sales sales;
    private final IMap<OrderKey, Order> orders;
    private final Duration flushTimeout;
    /** Flushes one at a time: a second caller queues behind the first instead of adding load. */
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "admin-flush");
        thread.setDaemon(true);
        return thread;
    });

    AdminController(HazelcastInstance hazelcast, Sales sales, FlashSaleProperties properties) {
        this.flushTimeout = properties.flushTimeout();
        this.hazelcast = hazelcast;
        this.sales = sales;
        this.orders = hazelcast.getMap(MapNames.ORDERS);
    }

    /**
     * Stores every pending write-behind entry now (orders first: they are the promise, and the orders still in the
     * stock segments' outboxes are moved into the orders map before) and returns when done.
     * {@code IMap.flush} waits as long as the database refuses the writes, so it runs on a thread of its own and
     * the caller gets a 503 after {@code flush-timeout}; the writes stay queued in the grid either way.
     */
    @PostMapping("/api/admin/flush")
    ResponseEntity<Void> flush() {
        Future<?> flushed = flusher.submit(() -> {
            moveOutboxes();
            for (String map : PendingWrites.MAPS) {
                hazelcast.getMap(map).flush();
            }
        });
        try {
            flushed.get(flushTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailable("interrupted while flushing", e);
        } catch (ExecutionException e) {
            throw new GridUnavailable("the grid could not flush: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new GridUnavailable("pending writes not stored within " + flushTimeout
                    + " (is the database down?); they stay queued in the grid", e);
        }
        return ResponseEntity.noContent().build();
    }

    /** Moves the orders waiting in the stock segments' outboxes into the orders map, on every member. */
    private void moveOutboxes() {
        IExecutorService moves = hazelcast.getExecutorService(MoveOutboxes.EXECUTOR);
        for (Future<Integer> member : moves.submitToAllMembers(MoveOutboxes.all()).values()) {
            await(member);
        }
    }

    @PreDestroy
    void stopFlusher() {
        flusher.shutdownNow();
    }

    @GetMapping("/api/admin/sales/{saleId}/audit")
    SaleAudit audit(@PathVariable String saleId) {
        Sale sale = sales.get(saleId);
        moveOutboxes(); // so that the orders map holds every order the grid accepted
        StockLevels levels = sales.levels(sale);
        Predicate<OrderKey, Order> holding = Predicates.and(Predicates.equal("saleId", saleId),
                Predicates.in("status", "ACCEPTED", "PAID"));
        long ordersInGrid = orders.aggregate(Aggregators.count(), holding);
        IExecutorService tasks = hazelcast.getExecutorService(MemberTask.EXECUTOR);
        long[] database = await(tasks.submit(new DatabaseAudit(saleId)));
        long pending = 0;
        for (Future<HashMap<String, Long>> perMember : tasks.submitToAllMembers(new PendingWrites()).values()) {
            pending += await(perMember).values().stream().mapToLong(Long::longValue).sum();
        }
        List<SaleAudit.Segment> segments = levels.segments().stream()
                .map(s -> new SaleAudit.Segment(s.segment(), s.remaining(), s.sold())).toList();
        return new SaleAudit(saleId, sale.stock(), levels.sold(), levels.remaining(), ordersInGrid, database[0],
                database[1], pending, segments);
    }

    /** The audit of the contract. */
    record SaleAudit(String saleId, int stock, int sold, int remaining, long ordersInGrid, long ordersInDatabase,
                     long unitsInDatabase, long pendingWrites, List<Segment> segments) {
        record Segment(int segment, int remaining, int sold) {
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailable("interrupted while waiting for a member", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GridUnavailable("a member could not answer the audit", e);
        }
    }

}
