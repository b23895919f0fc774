package io.flashsale.app.traffic;

import io.flashsale.app.web.GridUnavailable;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * What stands between a purchase and the grid: the persistence backlog and a circuit breaker (Resilience4j).
 * The breaker opens when {@code error-rate-percent} of the purchases in the window failed on the grid, or half of
 * them took longer than {@code slow-call}; while open, purchases are answered 503 at once (reads keep coming from
 * the near cache), after {@code breaker-open-for} a few probes go through, and it closes when they succeed. Sold-out,
 * limit and the other answers of the contract are successes: the grid answered.
 */
@Component
public class GridGuard {

    private static final Logger log = LoggerFactory.getLogger(GridGuard.class);

    private final CircuitBreaker breaker;
    private final PersistenceBacklog backlog;
    private final long openForSeconds;

    GridGuard(TrafficProperties properties, PersistenceBacklog backlog, MeterRegistry meters) {
        this.backlog = backlog;
        this.openForSeconds = Math.max(1, properties.breakerOpenFor().toSeconds());
        this.breaker = CircuitBreaker.of("grid", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) Math.max(1, properties.breakerWindow().toSeconds()))
                .minimumNumberOfCalls(properties.breakerMinimumCalls())
                .failureRateThreshold(properties.errorRatePercent())
                .slowCallDurationThreshold(properties.slowCall())
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(5)
                .recordException(e -> e instanceof GridUnavailable)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Grid circuit breaker: {}",
                event.getStateTransition()));
        Gauge.builder("flashsale.grid.breaker.open", breaker,
                        b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while the grid circuit breaker sheds purchases").register(meters);
        Gauge.builder("flashsale.persistence.backlog", backlog, PersistenceBacklog::pending)
                .description("Entries waiting for write-behind, all members").register(meters);
    }

    /** Runs a purchase through the guard; 503 {@code unavailable} when the backlog is full or the circuit open. */
    public <T> T purchase(Supplier<T> purchase) {
        if (backlog.full()) {
            throw new GridUnavailable("the database is behind: " + backlog.pending()
                    + " writes are waiting (limit " + backlog.limit() + "); accepted orders are kept", null, 1);
        }
        try {
            return breaker.executeSupplier(purchase);
        } catch (CallNotPermittedException e) {
            throw new GridUnavailable("the grid failed too often lately; purchases are paused", null,
                    openForSeconds);
        }
    }
}
