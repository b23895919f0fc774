package io.flashsale.app.order;

import io.flashsale.model.order.Order;

import java.time.Instant;

/** An order on the wire. */
public record OrderView(String orderId, String saleId, String userId, int quantity, String status, String createdAt) {

    public static OrderView of(Order order) {
        return new OrderView(order.orderId(), order.saleId(), order.userId(), order.quantity(),
                order.status().name(), Instant.ofEpochMilli(order.createdAt()).toString());
    }
}
