package io.flashsale.mapstore;

import com.hazelcast.map.EntryLoader;
import io.flashsale.grid.GridSettings;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.cart.Cart;
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
     * flight, jittered expiry; a sale stays at least until it ends), carts through its negative cache, stock and
     * orders as they are.
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
                // Most users never have a cart: without the negative cache every look at an empty cart would be a
                // query. A cart stays in the grid once loaded (no expiry).
                MapNames.CARTS, new KnownMissing<Cart>(new CartStore(dataSource),
                        (cart, now) -> EntryLoader.MetadataAwareValue.NO_TIME_SET));
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
