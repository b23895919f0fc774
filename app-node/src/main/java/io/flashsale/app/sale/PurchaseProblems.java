package io.flashsale.app.sale;

import io.flashsale.app.web.GridUnavailable;
import io.flashsale.app.web.Problem;
import io.flashsale.purchase.PurchaseRequest;
import io.flashsale.purchase.PurchaseResult;
import org.springframework.http.HttpStatus;

/**
 * Where a refused purchase becomes its answer in the contract's purchase table, in one place: the flow's outcomes
 * are facts without an HTTP status, and each gets its problem here.
 */
final class PurchaseProblems {

    private PurchaseProblems() {
    }

    /** The problem answering {@code request} refused with {@code outcome} (anything but an order). */
    static Problem of(PurchaseResult.Outcome outcome, PurchaseRequest request) {
        String saleId = request.sale().saleId();
        return switch (outcome) {
            case SOLD_OUT -> new Refused(HttpStatus.CONFLICT, "sold-out", "Sold out",
                    "sale '" + saleId + "' has fewer than " + request.quantity() + " units left");
            case LIMIT_REACHED -> new Refused(HttpStatus.CONFLICT, "purchase-limit", "Purchase limit reached",
                    "user '" + request.userId() + "' may buy at most " + request.sale().perUserLimit()
                            + " units in sale '" + saleId + "'");
            case NOT_ACTIVE -> new Refused(HttpStatus.CONFLICT, "sale-not-active", "Sale not active",
                    "sale '" + saleId + "' is " + SaleView.statusOf(request.sale(), 1, System.currentTimeMillis()));
            case KEY_REUSED -> new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency key reused",
                    "Idempotency-Key '" + request.idempotencyKey() + "' was used with a different request");
            case IN_FLIGHT -> new GridUnavailable("a request with this Idempotency-Key is still being made; retry for"
                    + " its answer", null);
            case SHED -> new GridUnavailable("the grid is slow: the purchase waited longer than its budget and was"
                    + " not made", null);
            case ACCEPTED, REPLAYED -> throw new IllegalArgumentException("not a refusal: " + outcome);
        };
    }

    /** A purchase the sale, the buyer's limit or the key refuses: 409 or 422. */
    static final class Refused extends Problem {
        Refused(HttpStatus status, String name, String title, String detail) {
            super(status, name, title, detail);
        }
    }
}
