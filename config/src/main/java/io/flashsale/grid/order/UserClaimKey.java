package io.flashsale.grid.order;

/** Key of a buyer's claim on a sale. */
public record UserClaimKey(String saleId, String userId) {
}
