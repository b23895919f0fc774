package io.flashsale.app.sale;

import io.flashsale.app.web.Problem;
import org.springframework.http.HttpStatus;

/** The purchase outcomes that are not an order, named as the facts they are. */
final class SaleFailures {

    private SaleFailures() {
    }

    /** Stock cannot cover the quantity asked for. */
    static final class SoldOut extends Problem {
        SoldOut(String saleId, int quantity) {
            super(HttpStatus.CONFLICT, "sold-out", "Sold out",
                    "sale '" + saleId + "' has fewer than " + quantity + " units left");
        }
    }

    /** The buyer's accepted orders plus this one would pass the sale's per-user limit. */
    static final class PurchaseLimitReached extends Problem {
        PurchaseLimitReached(String saleId, String userId, int limit) {
            super(HttpStatus.CONFLICT, "purchase-limit", "Purchase limit reached",
                    "user '" + userId + "' may buy at most " + limit + " units in sale '" + saleId + "'");
        }
    }

    /** The sale has not started or has ended. */
    static final class SaleNotActive extends Problem {
        SaleNotActive(String saleId, String status) {
            super(HttpStatus.CONFLICT, "sale-not-active", "Sale not active",
                    "sale '" + saleId + "' is " + status);
        }
    }

    /** The Idempotency-Key was used before with another body. */
    static final class IdempotencyKeyReused extends Problem {
        IdempotencyKeyReused(String key) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key '" + key + "' was used with a different request");
        }
    }

    /** A sale of that id exists already. */
    static final class SaleExists extends Problem {
        SaleExists(String saleId) {
            super(HttpStatus.CONFLICT, "sale-exists", "Sale exists", "sale '" + saleId + "' exists already");
        }
    }
}
