package io.flashsale.app.sale;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.app.traffic.GridGuard;
import io.flashsale.app.traffic.RateLimits;
import io.flashsale.app.traffic.TrafficProperties;
import io.flashsale.app.web.GridUnavailable;
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
 * The app node's side of the purchase path: runs {@link PurchaseFlow} (the grid calls, see there) behind the
 * node's guard and rate limits. Counts the flow's grid calls ({@code flashsale.purchase.grid.calls}) and
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

    /**
     * Runs the flow: the checks it answers without the grid (sale window, sold-out hints: no token taken), then,
     * through the gate, the guard (503: backlog, circuit), the rate limits (429) and the grid calls. A grid that
     * cannot answer is 503 {@code unavailable}; what else the flow answers, {@link PurchaseProblems} maps.
     */
    PurchaseResult purchase(PurchaseRequest request) {
        return flow.purchase(request, gridPart -> guard.purchase(() -> {
            try {
                // Inside the guard: the sale's bucket lives in the grid, so its failures count for the breaker.
                rateLimits.admit(request.sale().saleId(), request.userId());
                return gridPart.get();
            } catch (GridCallFailed | HazelcastException | HazelcastClientOfflineException e) {
                throw new GridUnavailable("the grid could not take the purchase; try again shortly", e);
            }
        }));
    }
}
