package io.flashsale.app.sale;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.app.traffic.GridGuard;
import io.flashsale.app.traffic.RateLimits;
import io.flashsale.app.traffic.TrafficProperties;
import io.flashsale.app.web.GridUnavailable;
import io.flashsale.model.order.Order;
import io.flashsale.purchase.GridCallFailed;
import io.flashsale.purchase.PurchaseFlow;
import io.flashsale.purchase.PurchaseRequest;
import io.flashsale.purchase.PurchaseResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The app node's side of the purchase path: runs {@link PurchaseFlow} (the grid calls, see there) and turns its
 * refusals into the contract's problems. Counts the flow's grid calls ({@code flashsale.purchase.grid.calls}) and
 * times them by operation ({@code flashsale.grid.call}).
 */
@Service
class Purchases {

    private static final Logger log = LoggerFactory.getLogger(Purchases.class);
    private static final Duration DRAIN_BUDGET = Duration.ofSeconds(10);

    private final PurchaseFlow flow;
    private final RateLimits rateLimits;
    private final GridGuard guard;

    Purchases(HazelcastInstance hazelcast, MeterRegistry meters, RateLimits rateLimits, GridGuard guard,
              TrafficProperties traffic) {
        Counter gridCalls = Counter.builder("flashsale.purchase.grid.calls")
                .description("Grid calls made by the purchase path, retries and give-backs included")
                .register(meters);
        Map<String, Timer> latencies = new ConcurrentHashMap<>();
        this.flow = new PurchaseFlow(hazelcast, (operation, nanos) -> {
            gridCalls.increment();
            latencies.computeIfAbsent(operation, o -> Timer.builder("flashsale.grid.call")
                    .description("Grid calls of the purchase path by what they did, retries counted one by one")
                    .tag("operation", o.replace(' ', '_'))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
        }, traffic.gridBudget());
        this.rateLimits = rateLimits;
        this.guard = guard;
        Gauge.builder("flashsale.purchase.retries.pending", flow, PurchaseFlow::pendingRetries)
                .description("Writes of failed purchases (an order stored again, a claim released) waiting to be"
                        + " tried again")
                .register(meters);
    }

    /** Runs before the grid client closes (it depends on it): what waits to be written again is written now. */
    @PreDestroy
    void finishPendingWrites() {
        int left = flow.drainRetries(DRAIN_BUDGET);
        if (left > 0) {
            log.error("{} writes of failed purchases were not done before stopping (see the lines above)", left);
        }
    }

    /** An order and whether this call created it (false: a replay of an earlier purchase). */
    record Outcome(Order order, boolean created) {
    }

    /**
     * A sale this node just saw sold out (409, no grid call, no token taken; not for a keyed request, which may be
     * the replay of an earlier purchase), then the guard (503: backlog, circuit), the rate limits (429), the flow.
     */
    Outcome purchase(PurchaseRequest request) {
        if (request.idempotencyKey() == null && request.sale().isOpenAt(System.currentTimeMillis())
                && flow.seenSoldOut(request.sale())) {
            throw new SaleFailures.SoldOut(request.sale().saleId(), request.quantity());
        }
        PurchaseResult result = guard.purchase(() -> {
            try {
                // Inside the guard: the sale's bucket lives in the grid, so its failures count for the breaker.
                rateLimits.admit(request.sale().saleId(), request.userId());
                return flow.purchase(request);
            } catch (GridCallFailed | HazelcastException | HazelcastClientOfflineException e) {
                throw new GridUnavailable("the grid could not take the purchase; try again shortly", e);
            }
        });
        String saleId = request.sale().saleId();
        return switch (result.outcome()) {
            case ACCEPTED -> new Outcome(result.order(), true);
            case REPLAYED -> new Outcome(result.order(), false);
            case SOLD_OUT -> throw new SaleFailures.SoldOut(saleId, request.quantity());
            case LIMIT_REACHED -> throw new SaleFailures.PurchaseLimitReached(saleId, request.userId(),
                    request.sale().perUserLimit());
            case NOT_ACTIVE -> {
                long now = System.currentTimeMillis();
                throw new SaleFailures.SaleNotActive(saleId, SaleView.statusOf(request.sale(), 1, now));
            }
            case KEY_REUSED -> throw new SaleFailures.IdempotencyKeyReused(request.idempotencyKey());
            case IN_FLIGHT -> throw new GridUnavailable("a request with this Idempotency-Key is still being made;"
                    + " retry for its answer", null);
            case SHED -> throw new GridUnavailable("the grid is slow: the purchase waited longer than its budget"
                    + " and was not made", null);
        };
    }
}
