package io.flashsale.mapstore;

import io.flashsale.grid.GridSettings;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.product.Product;
import io.flashsale.grid.sale.Sale;

import javax.sql.DataSource;
import java.util.Map;

/** The map store of every persisted map, keyed by map name. */
final class MapStores {

    private MapStores() {
    }

    /**
     * The stores as members use them: products and sales read through {@link KnownMissing} (negative cache, single
     * flight, jittered expiry; a sale stays at least until it ends), stock, orders and carts as they are.
     */
    static Map<String, Object> all(DataSource dataSource, GridSettings settings) {
        LoadedExpiry expiry = new LoadedExpiry(settings.loadedTtlSeconds() * 1_000L, settings.ttlJitterPercent());
        return Map.of(
                MapNames.PRODUCTS, new KnownMissing<Product>(new ProductStore(dataSource),
                        (product, now) -> expiry.at(now)),
                MapNames.SALES, new KnownMissing<Sale>(new SaleStore(dataSource),
                        (sale, now) -> Math.max(expiry.at(now), expiry.at(sale.endsAt()))),
                MapNames.STOCK, new StockSegmentStore(dataSource),
                MapNames.ORDERS, new OrderStore(dataSource),
                // Not behind KnownMissing: the first change of a cart not in the grid runs its EntryProcessor on
                // the backup too, which loads the key there on a partition thread, where the marker lookup (a grid
                // call) is refused. A user without a cart costs a primary-key query per look at it.
                MapNames.CARTS, new CartStore(dataSource));
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
