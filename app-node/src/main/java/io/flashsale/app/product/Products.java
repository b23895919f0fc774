package io.flashsale.app.product;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.NotFound;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Product;
import org.springframework.stereotype.Service;

import java.util.Set;

/** Products: L1 the client's near cache, L2 the grid, L3 MySQL through the grid's MapLoader. */
@Service
public class Products {

    private final IMap<String, Product> products;

    Products(HazelcastInstance hazelcast) {
        this.products = hazelcast.getMap(MapNames.PRODUCTS);
    }

    /** The product, or {@link NotFound}. Ids outside the contract's alphabet cannot exist: no grid call. */
    public Product get(String productId) {
        Product product = Ids.isValid(productId) ? products.get(productId) : null;
        if (product == null) {
            throw NotFound.product(productId);
        }
        return product;
    }

    /** Creates or replaces a product: written through to MySQL, near caches invalidated by the members. */
    public Product put(Product product) {
        products.set(product.productId(), product);
        return product;
    }

    /** Reloads a product from the database into the grid. */
    /** Reads the products into this node's near cache (those the grid or the database has). */
    public void preload(Set<String> productIds) {
        products.getAll(productIds);
    }

    public void reload(String productId) {
        products.loadAll(Set.of(productId), true);
    }
}
