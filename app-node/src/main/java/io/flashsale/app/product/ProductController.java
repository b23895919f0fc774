package io.flashsale.app.product;

import io.flashsale.app.FlashSaleProperties;
import io.flashsale.model.catalog.Product;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.Objects;

/** {@code GET /api/products/{id}}: cacheable by CDNs (ETag, Cache-Control, 304). */
@RestController
class ProductController {

    private final Products products;
    private final CacheControl cacheControl;

    ProductController(Products products, FlashSaleProperties properties) {
        this.products = products;
        this.cacheControl = CacheControl.maxAge(properties.productMaxAge()).cachePublic();
    }

    @GetMapping("/api/products/{productId}")
    ResponseEntity<ProductView> get(@PathVariable String productId, WebRequest request) {
        Product product = products.get(productId);
        String etag = etagOf(product);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cacheControl).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cacheControl).body(ProductView.of(product));
    }

    /** The version is the last-change time; a replaced product gets a new one. */
    static String etagOf(Product product) {
        int content = Objects.hash(product.name(), product.description(), product.price());
        return "\"" + Long.toHexString(product.updatedAt()) + "-" + Integer.toHexString(content) + "\"";
    }
}
