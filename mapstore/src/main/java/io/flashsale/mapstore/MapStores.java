package io.flashsale.mapstore;

import io.flashsale.config.GridSettings;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Product;
import io.flashsale.model.catalog.Sale;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/** The map store of every persisted map, keyed by map name. */
final class MapStores {

    private MapStores() {
    }

    /**
     * The stores as members use them: products and sales read through {@link KnownMissing} (negative cache, single
     * flight, jittered expiry; a sale stays at least until it ends), orders and carts through {@link UnknownRows}
     * (negative cache, a budget of lookups that find nothing), stock as it is.
     */
    static Map<String, Object> all(DataSource dataSource, GridSettings settings) {
        LoadedExpiry expiry = new LoadedExpiry(settings.loadedTtlSeconds() * 1_000L, settings.ttlJitterPercent());
        Duration remember = Duration.ofSeconds(settings.negativeCacheSeconds());
        return Map.of(
                MapNames.PRODUCTS, new KnownMissing<Product>(new ProductStore(dataSource),
                        (product, now) -> expiry.at(now)),
                MapNames.SALES, new KnownMissing<Sale>(new SaleStore(dataSource),
                        (sale, now) -> Math.max(expiry.at(now), expiry.at(sale.endsAt()))),
                MapNames.STOCK, new StockSegmentStore(dataSource),
                // Orders and carts behind UnknownRows, not KnownMissing: their EntryProcessors load missing keys on
                // partition threads (on the backup too), where KnownMissing's marker lookup, a grid call, is refused.
                // An order id that does not exist is always a mistake or an attack: few such lookups a second. A
                // user without a cart is every buyer's first look at it: many more.
                MapNames.ORDERS, new UnknownRows<>(new OrderStore(dataSource), remember, 50),
                MapNames.CARTS, new UnknownRows<>(new CartStore(dataSource), remember, 1_000),
                // Every new payment reference is a lookup that finds nothing, and must be: no UnknownRows budget.
                MapNames.PAYMENT_REFS, new PaymentRefStore(dataSource));
    }

    /** One plain store per table, without the read-through protections (for tests of the SQL itself). */
    static Map<String, JdbcMapStore<?, ?>> tables(DataSource dataSource) {
        return Map.of(
                MapNames.PRODUCTS, new ProductStore(dataSource),
                MapNames.SALES, new SaleStore(dataSource),
                MapNames.STOCK, new StockSegmentStore(dataSource),
                MapNames.ORDERS, new OrderStore(dataSource));
    }
}
