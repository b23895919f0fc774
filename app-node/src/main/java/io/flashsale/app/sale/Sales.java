package io.flashsale.app.sale;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.product.Products;
import io.flashsale.app.web.GridUnavailable;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.NotFound;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.SegmentLevels;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.task.MemberTask;
import io.flashsale.model.task.RebuildClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sales and their stock: reads (near-cached sale, recent remaining), creation and warm-up. */
@Service
public class Sales {

    private static final Logger log = LoggerFactory.getLogger(Sales.class);

    private final HazelcastInstance hazelcast;
    private final IMap<String, Sale> sales;
    private final IMap<StockKey, StockSegment> stock;
    private final Products products;
    private final long remainingMaxAgeNanos;
    private final Map<String, Remaining> remainingBySale = new ConcurrentHashMap<>();

    private record Remaining(int units, long readAtNanos) {
    }

    private static final long OPEN_SALES_MAX_AGE_NANOS = 5_000_000_000L;
    private volatile OpenSales openSales;

    private record OpenSales(List<Sale> sales, long readAtNanos) {
    }

    Sales(HazelcastInstance hazelcast, Products products, FlashSaleProperties properties) {
        this.hazelcast = hazelcast;
        this.sales = hazelcast.getMap(MapNames.SALES);
        this.stock = hazelcast.getMap(MapNames.STOCK);
        this.products = products;
        this.remainingMaxAgeNanos = properties.remainingMaxAge().toNanos();
    }

    /** The sale (from the near cache when it is there), or {@link NotFound}. */
    public Sale get(String saleId) {
        Sale sale = Ids.isValid(saleId) ? sales.get(saleId) : null;
        if (sale == null) {
            throw NotFound.sale(saleId);
        }
        return sale;
    }

    /** Units left, read from the segments at most {@code remainingMaxAge} ago: one grid read per node and period. */
    public int remaining(Sale sale) {
        long now = System.nanoTime();
        return remainingBySale.compute(sale.saleId(), (id, cached) -> {
            if (cached != null && now - cached.readAtNanos() < remainingMaxAgeNanos) {
                return cached;
            }
            try {
                return new Remaining(levels(sale).remaining(), now);
            } catch (HazelcastException | HazelcastClientOfflineException e) {
                if (cached == null) {
                    throw e;
                }
                // Degraded: the grid does not answer; the page shows the last count rather than an error.
                return cached;
            }
        }).units();
    }

    /**
     * Sales open now, from a query of the grid made at most every {@link #OPEN_SALES_MAX_AGE_NANOS} (for the
     * meters and the dashboard). Sales only in MySQL and not loaded into the grid are not among them.
     */
    public List<Sale> open() {
        long now = System.nanoTime();
        OpenSales cached = openSales;
        if (cached == null || now - cached.readAtNanos() > OPEN_SALES_MAX_AGE_NANOS) {
            long millis = System.currentTimeMillis();
            List<Sale> open = sales.values(Predicates.greaterThan("endsAt", millis)).stream()
                    .filter(sale -> sale.isOpenAt(millis))
                    .sorted(Comparator.comparing(Sale::saleId))
                    .toList();
            cached = new OpenSales(open, now);
            openSales = cached;
        }
        return cached.sales();
    }

    /** The segments as the grid holds them now. */
    public StockLevels levels(Sale sale) {
        Set<StockKey> keys = new LinkedHashSet<>();
        for (int s = 0; s < sale.segments(); s++) {
            keys.add(sale.stockKey(s));
        }
        Map<Integer, SegmentLevels> values = SegmentLevels.read(stock, keys);
        List<StockLevels.Segment> segments = new ArrayList<>(sale.segments());
        for (StockKey key : keys) {
            segments.add(StockLevels.Segment.of(key.segment(), values.get(key.segment())));
        }
        return new StockLevels(segments);
    }

    /**
     * Fills this node's near caches with the sales the grid holds and their products when the node starts, so that
     * the first buyers of a running sale do not all go to the grid (and the first of them to MySQL) at once. Sales
     * that have ended are left out. A grid that does not answer only costs the warm start.
     */
    @EventListener(ApplicationReadyEvent.class)
    void preloadNearCaches() {
        try {
            long now = System.currentTimeMillis();
            Map<String, Sale> loaded = sales.getAll(sales.keySet());
            Set<String> productIds = new LinkedHashSet<>();
            for (Sale sale : loaded.values()) {
                if (sale.endsAt() > now) {
                    productIds.add(sale.productId());
                }
            }
            products.preload(productIds);
            log.info("Near caches preloaded: {} sales, {} products", loaded.size(), productIds.size());
        } catch (RuntimeException e) {
            log.warn("Could not preload the near caches; they fill on demand", e);
        }
    }

    /** Stores a new sale (written through) and puts its stock segments in the grid (written behind). */
    Sale create(Sale sale) {
        products.get(sale.productId());
        if (sales.putIfAbsent(sale.saleId(), sale) != null) {
            throw new SaleExists(sale.saleId());
        }
        stock.putAll(sale.initialSegments());
        return sale;
    }

    /**
     * Loads the sale, its product, its stock segments and its buyers' claims from the database into the grid (after
     * a full cluster restart, say). Segments and claims already in the grid are kept: they are ahead of the
     * database while writes are pending, and reloading them would hand out stock twice.
     */
    Sale warmUp(String saleId) {
        if (!Ids.isValid(saleId)) {
            throw NotFound.sale(saleId);
        }
        sales.loadAll(Set.of(saleId), true);
        Sale sale = get(saleId);
        products.reload(sale.productId());
        stock.loadAll(sale.initialSegments().keySet(), false); // those the grid lacks, from the database
        try {
            hazelcast.getExecutorService(MemberTask.EXECUTOR).submit(new RebuildClaims(saleId))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the claims of " + saleId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GridUnavailable("could not rebuild the claims of " + saleId, e);
        }
        remainingBySale.remove(saleId);
        return sale;
    }

    /** 409 {@code sale-exists}: a sale of that id exists already. */
    static final class SaleExists extends Problem {
        SaleExists(String saleId) {
            super(ProblemType.SALE_EXISTS, "sale '" + saleId + "' exists already");
        }
    }
}
