package io.flashsale.app.web;


/** Something named in the path does not exist: {@code product-not-found}, {@code sale-not-found}, ... */
public final class NotFound extends Problem {

    private NotFound(ProblemType type, String detail) {
        super(type, detail);
    }

    public static NotFound product(String productId) {
        return new NotFound(ProblemType.PRODUCT_NOT_FOUND, "no product " + quoted(productId));
    }

    public static NotFound sale(String saleId) {
        return new NotFound(ProblemType.SALE_NOT_FOUND, "no sale " + quoted(saleId));
    }

    public static NotFound order(String orderId) {
        return new NotFound(ProblemType.ORDER_NOT_FOUND, "no order " + quoted(orderId));
    }
}
