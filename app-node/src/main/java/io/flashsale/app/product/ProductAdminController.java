package io.flashsale.app.product;

import io.flashsale.app.web.Ids;
import io.flashsale.app.web.InvalidRequest;
import io.flashsale.app.web.JsonBody;
import io.flashsale.model.catalog.Product;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/** Admin: create or replace a product. Guarded by the admin token (see {@code admin.AdminToken}). */
@RestController
class ProductAdminController {

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99"); // DECIMAL(12,2)

    private final Products products;
    private final JsonBody json;

    ProductAdminController(Products products, JsonBody json) {
        this.products = products;
        this.json = json;
    }

    @PutMapping("/api/admin/products/{productId}")
    ProductView put(@PathVariable String productId, HttpServletRequest request) {
        if (!Ids.isValid(productId)) {
            throw new InvalidRequest("product id must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        JsonBody.Fields fields = json.parse(request);
        String name = fields.text("name", 255);
        String description = fields.optionalText("description", 10_000);
        BigDecimal price = fields.decimal("price");
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > 2) {
            throw new InvalidRequest("'price' must be between 0 and " + MAX_PRICE + " with at most 2 decimals");
        }
        Product product = new Product(productId, name, description == null ? "" : description,
                price.setScale(2), System.currentTimeMillis());
        return ProductView.of(products.put(product));
    }
}
