package io.flashsale.app.sale;

import io.flashsale.app.web.InvalidRequest;
import io.flashsale.app.web.JsonBody;
import io.flashsale.model.catalog.Sale;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Admin: create a sale, warm a sale up again. Guarded by the admin token (see {@code admin.AdminToken}). */
@RestController
class SaleAdminController {

    static final int DEFAULT_SEGMENTS = 10;
    static final Duration DEFAULT_LENGTH = Duration.ofHours(1);

    private final Sales sales;
    private final JsonBody json;

    SaleAdminController(Sales sales, JsonBody json) {
        this.sales = sales;
        this.json = json;
    }

    @PostMapping("/api/admin/sales")
    ResponseEntity<SaleView> create(HttpServletRequest request) {
        JsonBody.Fields fields = json.parse(request);
        String saleId = fields.id("saleId");
        String productId = fields.id("productId");
        int stock = fields.integer("stock", 0, Integer.MAX_VALUE);
        int segments = fields.integer("segments", 1, Sale.MAX_SEGMENTS, DEFAULT_SEGMENTS);
        int perUserLimit = fields.integer("perUserLimit", 1, Integer.MAX_VALUE, 1);
        Instant now = Instant.now();
        Instant startsAt = fields.instant("startsAt", now);
        Instant endsAt = fields.instant("endsAt", startsAt.isAfter(now) ? startsAt.plus(DEFAULT_LENGTH)
                : now.plus(DEFAULT_LENGTH));
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidRequest("'endsAt' must be after 'startsAt'");
        }
        Sale sale = sales.create(new Sale(saleId, productId, stock, segments, perUserLimit,
                startsAt.toEpochMilli(), endsAt.toEpochMilli()));
        return ResponseEntity.created(URI.create("/api/sales/" + saleId))
                .body(SaleView.of(sale, sale.stock(), System.currentTimeMillis()));
    }

    @PostMapping("/api/admin/sales/{saleId}/warmup")
    SaleView warmUp(@PathVariable String saleId) {
        Sale sale = sales.warmUp(saleId);
        return SaleView.of(sale, sales.levels(sale).remaining(), System.currentTimeMillis());
    }
}
