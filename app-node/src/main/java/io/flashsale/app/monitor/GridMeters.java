package io.flashsale.app.monitor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nearcache.NearCacheStats;
import io.flashsale.app.sale.Sales;
import io.flashsale.app.traffic.PersistenceBacklog;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.cdc.BinlogReaderStatus;
import io.flashsale.model.task.PendingWrites;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the grid looks like from this app node, as meters: near-cache hits, misses and entries per map
 * ({@code flashsale_nearcache_*}), members connected ({@code flashsale_grid_members}), entries waiting for
 * write-behind per map ({@code flashsale_persistence_pending}) and units left per open sale
 * ({@code flashsale_sale_remaining}, read once a second, at most one grid read per sale and second).
 */
@Component
public class GridMeters {

    private static final Logger log = LoggerFactory.getLogger(GridMeters.class);
    private static final List<String> NEAR_CACHED = List.of(MapNames.PRODUCTS, MapNames.SALES);

    private final Sales sales;
    private final MultiGauge remaining;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("sale-meters").daemon(true).build());
    private volatile List<SaleLevel> saleLevels = List.of();
    private final IMap<String, BinlogReaderStatus> binlogReader;
    private volatile BinlogReaderStatus binlogReaderStatus;

    /** An open sale and the units it has left at the last reading. */
    public record SaleLevel(String saleId, int stock, int remaining) {
    }

    GridMeters(HazelcastInstance hazelcast, Sales sales, PersistenceBacklog backlog, MeterRegistry meters) {
        this.sales = sales;
        this.binlogReader = hazelcast.getMap(MapNames.BINLOG_READER);
        for (String name : NEAR_CACHED) {
            IMap<?, ?> map = hazelcast.getMap(name);
            Tags tags = Tags.of("map", name);
            FunctionCounter.builder("flashsale.nearcache.hits", map, m -> nearCache(m).getHits())
                    .description("Reads answered by this node's near cache").tags(tags).register(meters);
            FunctionCounter.builder("flashsale.nearcache.misses", map, m -> nearCache(m).getMisses())
                    .description("Reads the near cache passed on to the grid").tags(tags).register(meters);
            Gauge.builder("flashsale.nearcache.entries", map, m -> nearCache(m).getOwnedEntryCount())
                    .description("Entries in this node's near cache").tags(tags).register(meters);
        }
        Gauge.builder("flashsale.grid.members", hazelcast, h -> h.getLifecycleService().isRunning()
                        ? h.getCluster().getMembers().size() : 0)
                .description("Grid members this node's client knows of").register(meters);
        for (String map : PendingWrites.MAPS) {
            Gauge.builder("flashsale.persistence.pending", backlog, b -> b.pendingByMap().getOrDefault(map, 0L))
                    .description("Entries waiting for write-behind to MySQL, at the last reading")
                    .tag("map", map).register(meters);
        }
        this.remaining = MultiGauge.builder("flashsale.sale.remaining")
                .description("Units left per open sale, at the last reading").register(meters);
        poller.scheduleWithFixedDelay(this::readSales, 1, 1, TimeUnit.SECONDS);
    }

    /** Open sales and their units left, as last read. */
    public List<SaleLevel> saleLevels() {
        return saleLevels;
    }

    /** What the cluster's binlog reader last said it was doing, or null (off, or not heard of yet). */
    public @Nullable BinlogReaderStatus binlogReader() {
        return binlogReaderStatus;
    }

    private static NearCacheStats nearCache(IMap<?, ?> map) {
        return map.getLocalMapStats().getNearCacheStats();
    }

    private void readSales() {
        try {
            binlogReaderStatus = binlogReader.get(BinlogReaderStatus.KEY);
            List<SaleLevel> levels = new ArrayList<>();
            for (Sale sale : sales.open()) {
                levels.add(new SaleLevel(sale.saleId(), sale.stock(), sales.remaining(sale)));
            }
            remaining.register(levels.stream()
                    .map(l -> MultiGauge.Row.of(Tags.of("sale", l.saleId()), l.remaining()))
                    .toList(), true);
            saleLevels = List.copyOf(levels);
        } catch (RuntimeException e) {
            // The grid does not answer: the breaker and the health endpoint say so; keep the last reading.
            log.debug("Could not read the open sales' stock", e);
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
