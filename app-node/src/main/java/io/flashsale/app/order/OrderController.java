package io.flashsale.app.order;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.JsonBody;
import io.flashsale.app.web.NotFound;
import io.flashsale.app.web.Problem;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.order.Order;
import io.flashsale.grid.order.OrderKey;
import io.flashsale.grid.order.OrderStatus;
import io.flashsale.grid.order.PayOrder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}} (from the grid, or read through from MySQL) and
 * {@code POST /api/orders/{orderId}/payment}.
 */
@RestController
class OrderController {

    private final IMap<OrderKey, Order> orders;
    private final JsonBody json;

    OrderController(HazelcastInstance hazelcast, JsonBody json) {
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.json = json;
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView get(@PathVariable String orderId) {
        Order order = Ids.isValid(orderId) ? orders.get(new OrderKey(orderId)) : null;
        if (order == null) {
            throw NotFound.order(orderId);
        }
        return OrderView.of(order);
    }

    /**
     * An {@code ACCEPTED} order becomes {@code PAID} (one EntryProcessor on the order). Paying again with the same
     * reference answers the paid order; another reference, or an order that is not {@code ACCEPTED}, is 409.
     */
    @PostMapping("/api/orders/{orderId}/payment")
    OrderView pay(@PathVariable String orderId, HttpServletRequest request) {
        if (!Ids.isValid(orderId)) {
            throw NotFound.order(orderId);
        }
        String paymentRef = json.parse(request).id("paymentRef");
        PayOrder payment = new PayOrder(paymentRef, System.currentTimeMillis());
        Order after = orders.executeOnKey(new OrderKey(orderId), payment);
        if (after == null) {
            throw NotFound.order(orderId);
        }
        if (!payment.recordedIn(after)) {
            throw new OrderNotPayable(orderId, after.status());
        }
        return OrderView.of(after);
    }

    /** 409 {@code order-not-payable}. */
    static final class OrderNotPayable extends Problem {
        OrderNotPayable(String orderId, OrderStatus status) {
            super(HttpStatus.CONFLICT, "order-not-payable", "Order not payable",
                    "order '" + orderId + "' is " + status
                            + (status == OrderStatus.PAID ? " with another payment" : ""));
        }
    }
}
