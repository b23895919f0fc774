package io.flashsale.app.order;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.NotFound;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.order.Order;
import io.flashsale.grid.order.OrderKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/orders/{orderId}}: from the grid, or read through from MySQL. */
@RestController
class OrderController {

    private final IMap<OrderKey, Order> orders;

    OrderController(HazelcastInstance hazelcast) {
        this.orders = hazelcast.getMap(MapNames.ORDERS);
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView get(@PathVariable String orderId) {
        Order order = Ids.isValid(orderId) ? orders.get(new OrderKey(orderId)) : null;
        if (order == null) {
            throw NotFound.order(orderId);
        }
        return OrderView.of(order);
    }
}
