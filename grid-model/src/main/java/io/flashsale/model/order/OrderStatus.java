package io.flashsale.model.order;

/** Life of an order: {@code ACCEPTED -> PAID | CANCELLED | EXPIRED}. */
public enum OrderStatus {
    ACCEPTED, PAID, CANCELLED, EXPIRED;

    /** Whether the order's units count as sold (and against the buyer's limit). */
    public boolean holdsStock() {
        return this == ACCEPTED || this == PAID;
    }
}
