package io.flashsale.app.monitor;

import io.flashsale.app.web.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Counts every purchase request by outcome ({@code flashsale_purchases_total{outcome}}) and times it
 * ({@code flashsale_purchase_seconds}: histogram buckets that Prometheus can add up across nodes; and this node's
 * p50/p95/p99 of the last ten seconds or so as {@code flashsale_purchase_latency_seconds{percentile}}, which the
 * dashboard shows). A filter rather than code in the controller, so that requests
 * refused before it (unreadable body, wrong content type) are counted too; the outcome is the problem type the
 * response carries ({@link Problem#REQUEST_ATTRIBUTE}), or the status where there is none.
 */
@Component
class PurchaseMeters extends OncePerRequestFilter {

    static final String COUNTER = "flashsale.purchases";
    static final String TIMER = "flashsale.purchase";
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};
    private static final Pattern PURCHASE_PATH = Pattern.compile("/api/sales/[^/]+/purchases");

    private final MeterRegistry meters;
    private final Timer timer;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PurchaseMeters(MeterRegistry meters) {
        this.meters = meters;
        this.timer = Timer.builder(TIMER)
                .description("Purchase requests, from the first byte read to the response written")
                .publishPercentileHistogram()
                .publishPercentiles(QUANTILES)
                .distributionStatisticExpiry(Duration.ofSeconds(10))
                .distributionStatisticBufferLength(2)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        for (double quantile : QUANTILES) {
            // The node's own recent percentiles as plain gauges (the buckets above are what adds up across nodes).
            Gauge.builder("flashsale.purchase.latency", timer, t -> percentile(t, quantile))
                    .description("Purchase latency percentile over the last ten seconds or so, this node")
                    // "percentile", not "quantile": Prometheus keeps that label for summaries, and this is a gauge
                    .tag("percentile", String.valueOf(quantile))
                    .baseUnit("seconds")
                    .register(meters);
        }
        for (String outcome : new String[] {"accepted", "replayed", "sold_out", "purchase_limit", "rate_limited",
                "unavailable", "not_active", "invalid", "not_found", "key_reused"}) {
            counter(outcome); // present from the start, so that rates over them exist before the first of each
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !PURCHASE_PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            counter(outcome(response.getStatus(), (String) request.getAttribute(Problem.REQUEST_ATTRIBUTE)))
                    .increment();
        }
    }

    /** The contract's answers, named after their problem types; anything else by its status class. */
    static String outcome(int status, String problem) {
        if (status == 201) {
            return "accepted";
        }
        if (status == 200) {
            return "replayed";
        }
        String named = problem == null ? null : switch (problem) {
            case "sold-out" -> "sold_out";
            case "purchase-limit" -> "purchase_limit";
            case "rate-limited" -> "rate_limited";
            case "unavailable" -> "unavailable";
            case "sale-not-active" -> "not_active";
            case "idempotency-key-reused" -> "key_reused";
            default -> null;
        };
        if (named != null) {
            return named;
        }
        return status >= 500 ? "error" : status == 404 ? "not_found" : "invalid";
    }

    private static double percentile(Timer timer, double quantile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == quantile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    private Counter counter(String outcome) {
        return counters.computeIfAbsent(outcome, o -> Counter.builder(COUNTER)
                .description("Purchase requests by outcome")
                .tag("outcome", o)
                .register(meters));
    }
}
