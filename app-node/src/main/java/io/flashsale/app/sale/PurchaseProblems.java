package io.flashsale.app.sale;

import io.flashsale.app.web.GridUnavailable;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import io.flashsale.purchase.PurchaseRequest;
import io.flashsale.purchase.PurchaseResult;

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
            case SOLD_OUT -> new Refused(ProblemType.SOLD_OUT,
                    "sale '" + saleId + "' has fewer than " + request.quantity() + " units left");
            case LIMIT_REACHED -> new Refused(ProblemType.PURCHASE_LIMIT,
                    "user '" + request.userId() + "' may buy at most " + request.sale().perUserLimit()
                            + " units in sale '" + saleId + "'");
            case NOT_ACTIVE -> new Refused(ProblemType.SALE_NOT_ACTIVE,
                    "sale '" + saleId + "' is " + SaleView.statusOf(request.sale(), 1, System.currentTimeMillis()));
            case KEY_REUSED -> new Refused(ProblemType.IDEMPOTENCY_KEY_REUSED,
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
        Refused(ProblemType type, String detail) {
            super(type, detail);
        }
    }
}
