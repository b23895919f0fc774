package io.flashsale.app.product;

import io.flashsale.model.catalog.Product;

import java.math.RoundingMode;

/** A product on the wire; the price as a decimal string ({@code "19.99"}). */
record ProductView(String productId, String name, String description, String price) {

    static ProductView of(Product product) {
        return new ProductView(product.productId(), product.name(), product.description(),
                product.price().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
    }
}
