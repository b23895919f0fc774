package io.flashsale.app.order;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.identity.Caller;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.JsonBody;
import io.flashsale.app.web.NotFound;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import io.flashsale.model.MapNames;
import io.flashsale.model.order.CancelOrder;
import io.flashsale.model.order.ClaimPaymentRef;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.order.PayOrder;
import io.flashsale.model.task.OrderReturns;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/{orderId}} (from the grid, or read through from MySQL) and {@code POST .../cancel}, by the
 * order's buyer or the admin token; {@code POST .../payment}, by the admin token (the payment service). Expiry of
 * unpaid orders runs on the members ({@code OrderExpiry}).
 */
@RestController
class OrderController {

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    private final IMap<OrderKey, Order> orders;
    private final IMap<String, String> paymentRefs;
    private final OrderReturns returns;
    private final RecentOrders recent;
    private final JsonBody json;
    private final long paymentWindowMillis;

    OrderController(HazelcastInstance hazelcast, JsonBody json, FlashSaleProperties properties) {
        this.orders = hazelcast.getMap(MapNames.ORDERS);
        this.paymentRefs = hazelcast.getMap(MapNames.PAYMENT_REFS);
        this.returns = new OrderReturns(hazelcast);
        this.recent = new RecentOrders(hazelcast);
        this.json = json;
        this.paymentWindowMillis = properties.paymentWindow().toMillis();
    }

    /** The buyer's own order, or any order for the admin token; another buyer's is 404 like an unknown one. */
    @GetMapping("/api/orders/{orderId}")
    OrderView get(@PathVariable String orderId, Caller caller) {
        Order order = Ids.isValid(orderId) ? recent.get(new OrderKey(orderId)) : null;
        if (order == null || !caller.mayRead(order.userId())) {
            throw NotFound.order(orderId);
        }
        return OrderView.of(order);
    }

    /**
     * The payment service (the admin token, checked by the security filters) records a payment. The reference is
     * tied to the order first ({@link ClaimPaymentRef}): one that paid another order is 409 {@code payment-ref-used}.
     * Then an {@code ACCEPTED} order becomes {@code PAID} (one EntryProcessor on the order). Paying again with the
     * same reference answers the paid order; another reference, or an order that is not {@code ACCEPTED}, is 409, and
     * the reference is free again. An order past its payment window expires in that same processor (409), and its
     * units go back at once.
     */
    @PostMapping("/api/orders/{orderId}/payment")
    OrderView pay(@PathVariable String orderId, HttpServletRequest request) {
        if (!Ids.isValid(orderId)) {
            throw NotFound.order(orderId);
        }
        String paymentRef = json.parse(request).id("paymentRef");
        OrderKey key = new OrderKey(orderId);
        recent.ensureInMap(key);
        String owner = paymentRefs.executeOnKey(paymentRef, new ClaimPaymentRef(orderId));
        if (!owner.equals(orderId)) {
            if (!orders.containsKey(key)) {
                throw NotFound.order(orderId);
            }
            throw new PaymentRefUsed(paymentRef);
        }
        PayOrder payment = new PayOrder(paymentRef, System.currentTimeMillis(), paymentWindowMillis);
        Order after = orders.executeOnKey(key, payment);
        boolean recorded = payment.recordedIn(after);
        if (!recorded) {
            paymentRefs.remove(paymentRef, orderId);
        }
        if (after == null) {
            throw NotFound.order(orderId);
        }
        if (!recorded) {
            giveBackNow(after);
            throw new OrderNotPayable(orderId, after.status());
        }
        return OrderView.of(after);
    }

    /**
     * The buyer cancels their own {@code ACCEPTED} order (one EntryProcessor on the order, which also checks whose it
     * is: another buyer's is 404); its units go back to the sale and its buyer's limit slot is free again before the
     * answer. Any other status: 409 {@code order-not-cancellable}. The admin token may cancel any order.
     */
    @PostMapping("/api/orders/{orderId}/cancel")
    OrderView cancel(@PathVariable String orderId, Caller caller) {
        if (!Ids.isValid(orderId)) {
            throw NotFound.order(orderId);
        }
        OrderKey key = new OrderKey(orderId);
        recent.ensureInMap(key);
        CancelOrder.Result cancel = orders.executeOnKey(key, new CancelOrder(System.currentTimeMillis(),
                caller.buyerOrNull()));
        Order after = cancel.order();
        if (after == null) {
            throw NotFound.order(orderId);
        }
        if (!cancel.cancelled()) {
            throw new OrderNotCancellable(orderId, after.status());
        }
        giveBackNow(after);
        return OrderView.of(after);
    }

    /**
     * Gives an order's units back now rather than at the next expiry sweep. The order's new status is recorded
     * already; should this fail (the grid in trouble), the sweep on the members finishes it.
     */
    private void giveBackNow(Order order) {
        try {
            returns.giveBack(order);
        } catch (RuntimeException e) {
            log.warn("Units of order {} not given back yet; the expiry sweep will", order.orderId(), e);
        }
    }

    /** 409 {@code order-not-cancellable}. */
    static final class OrderNotCancellable extends Problem {
        OrderNotCancellable(String orderId, OrderStatus status) {
            super(ProblemType.ORDER_NOT_CANCELLABLE,
                    "order '" + orderId + "' is " + status);
        }
    }

    /** 409 {@code payment-ref-used}: the reference paid another order. */
    static final class PaymentRefUsed extends Problem {
        PaymentRefUsed(String paymentRef) {
            super(ProblemType.PAYMENT_REF_USED,
                    "payment reference " + quoted(paymentRef) + " paid another order");
        }
    }

    /** 409 {@code order-not-payable}. */
    static final class OrderNotPayable extends Problem {
        OrderNotPayable(String orderId, OrderStatus status) {
            super(ProblemType.ORDER_NOT_PAYABLE,
                    "order '" + orderId + "' is " + status
                            + (status == OrderStatus.PAID ? " with another payment" : ""));
        }
    }
}
