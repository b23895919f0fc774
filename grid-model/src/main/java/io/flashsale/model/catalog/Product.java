package io.flashsale.model.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product as the grid holds it (Compact-serialized record).
 *
 * @param updatedAt epoch milliseconds of the last change; also the product's version for ETags
 */
public record Product(String productId, String name, String description, BigDecimal price, long updatedAt) {

    public Product {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
    }
}
