package io.flashsale.app.sale;

import io.flashsale.app.identity.Caller;
import io.flashsale.app.order.OrderView;
import io.flashsale.app.web.Ids;
import io.flashsale.app.web.InvalidRequest;
import io.flashsale.app.web.JsonBody;
import io.flashsale.model.catalog.Sale;
import io.flashsale.purchase.PurchaseRequest;
import io.flashsale.purchase.PurchaseResult;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.time.Duration;

/** {@code GET /api/sales/{id}} and {@code POST /api/sales/{id}/purchases}. */
@RestController
class SaleController {

    private static final CacheControl CACHE_CONTROL = CacheControl.maxAge(Duration.ofSeconds(1)).cachePublic();

    private final Sales sales;
    private final Purchases purchases;
    private final JsonBody json;

    SaleController(Sales sales, Purchases purchases, JsonBody json) {
        this.sales = sales;
        this.purchases = purchases;
        this.json = json;
    }

    /**
     * Cacheable for the second its {@code remaining} may lag anyway, so an edge cache in front (nginx, a CDN) takes
     * the polling of every waiting buyer; the ETag lets it revalidate with a 304.
     */
    @GetMapping("/api/sales/{saleId}")
    ResponseEntity<SaleView> get(@PathVariable String saleId, WebRequest request) {
        Sale sale = sales.get(saleId);
        SaleView view = SaleView.of(sale, sales.remaining(sale), System.currentTimeMillis());
        // remaining exactly, the rest by its hash (the fields are strings and numbers: the same on every node)
        String etag = "\"" + Integer.toHexString(view.hashCode()) + "-" + view.remaining() + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(CACHE_CONTROL).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE_CONTROL).body(view);
    }

    /**
     * Checks in the contract's order: the token (401, by the security filters), the request itself (400), a
     * {@code userId} that is not the token's buyer (403), the sale (404), the quantity against the sale's limit
     * (400); then {@link Purchases} (a replayed Idempotency-Key, the sale's window, limit and stock).
     */
    @PostMapping("/api/sales/{saleId}/purchases")
    ResponseEntity<OrderView> purchase(@PathVariable String saleId,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       HttpServletRequest request, Caller caller) {
        if (key != null && !Ids.isValid(key)) {
            throw new InvalidRequest("Idempotency-Key must be 1 to 64 characters of [A-Za-z0-9_-]");
        }
        JsonBody.Fields fields = json.parse(request);
        String named = fields.optionalUserId("userId");
        if (!(fields.has("quantity"))) {
            throw new InvalidRequest("'quantity' is required");
        }
        int quantity = fields.integer("quantity", 1, Integer.MAX_VALUE);
        String userId = named == null ? caller.buyer() : caller.mustBe(named);
        Sale sale = sales.get(saleId);
        if (quantity > sale.perUserLimit()) {
            throw new InvalidRequest("'quantity' must be in 1.." + sale.perUserLimit() + ", got " + quantity);
        }
        PurchaseRequest purchase = new PurchaseRequest(sale, userId, quantity, key);
        PurchaseResult result = purchases.purchase(purchase);
        return switch (result.outcome()) {
            case ACCEPTED -> {
                OrderView order = OrderView.of(result.order());
                yield ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order);
            }
            case REPLAYED -> ResponseEntity.ok(OrderView.of(result.order()));
            default -> throw PurchaseProblems.of(result.outcome(), purchase);
        };
    }

}
