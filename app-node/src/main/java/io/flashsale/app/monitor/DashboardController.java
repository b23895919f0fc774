package io.flashsale.app.monitor;

import io.flashsale.model.cdc.BinlogReaderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures behind the live dashboard at {@code /} ({@code static/index.html}), read from the same meters
 * Prometheus scrapes, so that page and scrape never disagree. Counters are totals since the node started; the page
 * turns them into rates.
 */
@RestController
class DashboardController {

    private final MeterRegistry meters;
    private final GridMeters grid;

    DashboardController(MeterRegistry meters, GridMeters grid) {
        this.meters = meters;
        this.grid = grid;
    }

    /** One reading of the node. */
    record Snapshot(long time, Map<String, Double> purchases, Map<String, Double> latencyMillis,
                    List<GridMeters.SaleLevel> sales, Map<String, NearCache> nearCache,
                    Map<String, Double> pendingWrites, int members, boolean breakerOpen,
                    BinlogReaderStatus binlogReader) {
    }

    record NearCache(double hits, double misses) {
    }

    @GetMapping("/dashboard/snapshot")
    Snapshot snapshot() {
        Map<String, Double> purchases = new TreeMap<>();
        for (Counter counter : meters.find(PurchaseMeters.COUNTER).counters()) {
            purchases.put(counter.getId().getTag("outcome"), counter.count());
        }
        Map<String, Double> latency = new TreeMap<>();
        Timer timer = meters.find(PurchaseMeters.TIMER).timer();
        if (timer != null) {
            for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                latency.put("p" + Math.round(p.percentile() * 100), p.value(TimeUnit.MILLISECONDS));
            }
        }
        Map<String, NearCache> nearCache = new TreeMap<>();
        for (FunctionCounter hits : meters.find("flashsale.nearcache.hits").functionCounters()) {
            String map = hits.getId().getTag("map");
            FunctionCounter misses = meters.find("flashsale.nearcache.misses").tag("map", map).functionCounter();
            nearCache.put(map, new NearCache(hits.count(), misses == null ? 0 : misses.count()));
        }
        Map<String, Double> pending = new TreeMap<>();
        for (Gauge gauge : meters.find("flashsale.persistence.pending").gauges()) {
            pending.put(gauge.getId().getTag("map"), gauge.value());
        }
        Gauge members = meters.find("flashsale.grid.members").gauge();
        Gauge breaker = meters.find("flashsale.grid.breaker.open").gauge();
        return new Snapshot(System.currentTimeMillis(), purchases, latency, grid.saleLevels(), nearCache, pending,
                members == null ? 0 : (int) members.value(), breaker != null && breaker.value() > 0,
                grid.binlogReader());
    }
}
