package io.flashsale.mapstore;

import io.flashsale.grid.MapNames;

import javax.sql.DataSource;
import java.util.Map;

/** The map store of every persisted map, keyed by map name. */
final class MapStores {

    private MapStores() {
    }

    static Map<String, Object> all(DataSource dataSource) {
        return Map.of(
                MapNames.PRODUCTS, new ProductStore(dataSource),
                MapNames.SALES, new SaleStore(dataSource),
                MapNames.STOCK, new StockSegmentStore(dataSource),
                MapNames.ORDERS, new OrderStore(dataSource));
    }
}
