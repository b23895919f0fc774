package io.flashsale.app.cart;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.app.identity.Caller;
import io.flashsale.app.product.Products;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.InvalidRequest;
import io.flashsale.app.web.JsonBody;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import io.flashsale.model.MapNames;
import io.flashsale.model.cart.Cart;
import io.flashsale.model.cart.ClearCart;
import io.flashsale.model.cart.SetCartItem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A user's cart (API.md, "Carts"): held in the grid and changed there by one EntryProcessor per change, so every app
 * node reads the same cart at once (no near cache); written behind to the {@code carts} table. Changes are pushed to
 * the user's devices by {@link CartStreams}. Only the cart's buyer calls these (the token's {@code sub}).
 */
@RestController
class CartController {

    private final IMap<String, Cart> carts;
    private final Products products;
    private final CartStreams streams;
    private final JsonBody json;

    CartController(HazelcastInstance hazelcast, Products products, CartStreams streams, JsonBody json) {
        this.carts = hazelcast.getMap(MapNames.CARTS);
        this.products = products;
        this.streams = streams;
        this.json = json;
    }

    @GetMapping("/api/users/{userId}/cart")
    CartView get(@PathVariable String userId, Caller caller) {
        valid(userId, caller);
        return CartView.of(current(userId));
    }

    /** Sets a product's quantity (0 removes it, at most 99); 404 for an unknown product, 409 for a full cart. */
    @PutMapping("/api/users/{userId}/cart/items/{productId}")
    CartView setItem(@PathVariable String userId, @PathVariable String productId, HttpServletRequest request,
                     Caller caller) {
        valid(userId, caller);
        int quantity = json.parse(request).integer("quantity", 0, Cart.MAX_QUANTITY);
        products.get(productId);
        SetCartItem change = new SetCartItem(productId, quantity, System.currentTimeMillis());
        Cart after = carts.executeOnKey(userId, change);
        if (change.refusedBy(after)) {
            throw new CartFull(userId);
        }
        return CartView.of(after);
    }

    @DeleteMapping("/api/users/{userId}/cart")
    ResponseEntity<Void> clear(@PathVariable String userId, Caller caller) {
        valid(userId, caller);
        carts.executeOnKey(userId, new ClearCart(System.currentTimeMillis()));
        return ResponseEntity.noContent().build();
    }

    /** {@code text/event-stream}: the whole cart now, then again after every change. */
    @GetMapping(path = "/api/users/{userId}/cart/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable String userId, Caller caller) {
        valid(userId, caller);
        return streams.open(userId, () -> current(userId));
    }

    /** The user's cart as the grid holds it, or an empty one; {@code userId} checked by the caller. */
    private Cart current(String userId) {
        Cart cart = carts.get(userId);
        return cart != null ? cart : Cart.empty(userId);
    }

    /** A well-formed {@code userId} (400) that is the caller's own (403: only its buyer, not even the admin token). */
    private static void valid(String userId, Caller caller) {
        if (!Ids.isValidUserId(userId)) {
            throw new InvalidRequest("userId must be " + Ids.USER_ID_RULE);
        }
        caller.mustBe(userId);
    }

    /** 409 {@code cart-full}: a new product would pass the cart's line limit. */
    static final class CartFull extends Problem {
        CartFull(String userId) {
            super(ProblemType.CART_FULL,
                    "the cart of '" + userId + "' holds " + Cart.MAX_LINES + " products already");
        }
    }
}
