package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** Something named in the path does not exist: {@code product-not-found}, {@code sale-not-found}, ... */
public final class NotFound extends Problem {

    private NotFound(String name, String title, String detail) {
        super(HttpStatus.NOT_FOUND, name, title, detail);
    }

    public static NotFound product(String productId) {
        return new NotFound("product-not-found", "Product not found", "no product " + quoted(productId));
    }

    public static NotFound sale(String saleId) {
        return new NotFound("sale-not-found", "Sale not found", "no sale " + quoted(saleId));
    }

    public static NotFound order(String orderId) {
        return new NotFound("order-not-found", "Order not found", "no order " + quoted(orderId));
    }
}
