package io.flashsale.model.order;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.flashsale.model.merge.Mergeable;
import io.flashsale.model.serial.WrittenOutSerializer;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * An order as the grid holds it and writes behind to the {@code orders} table.
 *
 * @param requestId  the purchase request that made it, or null when that is the order id itself (a purchase without
 *                   an Idempotency-Key): 40 bytes less per order in the grid, and the database reads it that way too
 * @param allocation which stock segments hold the order's units, as {@code "segment:units,..."}, so they can go
 *                   back; emptied once the units of a cancelled or expired order are back in those segments
 * @param createdAt  epoch milliseconds
 * @param updatedAt  epoch milliseconds of the last status change
 */
public record Order(String orderId, String saleId, String userId, int quantity, OrderStatus status, long createdAt,
                    @Nullable String requestId, @Nullable String allocation, @Nullable String paymentRef,
                    long updatedAt) implements Mergeable<Order> {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(saleId, "saleId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1, got " + quantity);
        }
    }

    /**
     * After a split brain, the larger side's copy, as Hazelcast's default policy keeps it. What the merge policy adds
     * for orders ({@code MergeCopies}) is dropping the orders of a side that acknowledged nothing: orders its members
     * moved out of the outboxes of batches that failed for want of a backup, whose units its dropped stock copies
     * give back.
     */
    @Override
    public Order mergedWith(Order other) {
        return this;
    }

    /** The order in {@code status} since {@code now}. */
    public Order withStatus(OrderStatus status, long now) {
        return new Order(orderId, saleId, userId, quantity, status, createdAt, requestId, allocation, paymentRef, now);
    }

    /** The order with its units back in the stock: nothing allocated any more. */
    public Order withUnitsReturned() {
        return new Order(orderId, saleId, userId, quantity, status, createdAt, requestId, "", paymentRef, updatedAt);
    }

    /** Whether the order was cancelled or expired but its units are not back in the stock yet. */
    public boolean unitsOut() {
        return !status.holdsStock() && allocation != null && !allocation.isEmpty();
    }

    /** The purchase request that made it: what its buyer's claim is keyed by. */
    public String purchaseRequestId() {
        return requestId != null ? requestId : orderId;
    }

    /** Whether this order was made by the purchase request {@code otherRequestId}. */
    public boolean sameRequestAs(String otherRequestId) {
        return Objects.equals(purchaseRequestId(), otherRequestId);
    }

    /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
    public static final class Serializer extends WrittenOutSerializer<Order> {

        public Serializer() {
            super(Order.class);
        }

        @Override
        public Order read(CompactReader in) {
            return new Order(in.readString("orderId"), in.readString("saleId"), in.readString("userId"),
                    in.readInt32("quantity"), OrderStatus.valueOf(in.readString("status")), in.readInt64("createdAt"),
                    in.readString("requestId"), in.readString("allocation"), in.readString("paymentRef"),
                    in.readInt64("updatedAt"));
        }

        @Override
        public void write(CompactWriter out, Order order) {
            out.writeString("orderId", order.orderId());
            out.writeString("saleId", order.saleId());
            out.writeString("userId", order.userId());
            out.writeInt32("quantity", order.quantity());
            out.writeString("status", order.status().name());
            out.writeInt64("createdAt", order.createdAt());
            out.writeString("requestId", order.requestId());
            out.writeString("allocation", order.allocation());
            out.writeString("paymentRef", order.paymentRef());
            out.writeInt64("updatedAt", order.updatedAt());
        }
    }
}
