package io.flashsale.app.sale;

import io.flashsale.model.catalog.Sale;

import java.time.Instant;

/** A sale on the wire, with its status and (at most about a second old) remaining stock. */
record SaleView(String saleId, String productId, int stock, int remaining, int perUserLimit, String startsAt,
                String endsAt, String status) {

    static SaleView of(Sale sale, int remaining, long now) {
        return new SaleView(sale.saleId(), sale.productId(), sale.stock(), remaining, sale.perUserLimit(),
                Instant.ofEpochMilli(sale.startsAt()).toString(), Instant.ofEpochMilli(sale.endsAt()).toString(),
                statusOf(sale, remaining, now));
    }

    static String statusOf(Sale sale, int remaining, long now) {
        if (now < sale.startsAt()) {
            return "SCHEDULED";
        }
        if (now >= sale.endsAt()) {
            return "ENDED";
        }
        return remaining <= 0 ? "SOLD_OUT" : "ACTIVE";
    }
}
