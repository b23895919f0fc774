package io.flashsale.purchase;

import io.flashsale.model.order.OrderKey;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Order ids for a batch: random version-4 UUIDs whose first {@value OrderKey#PARTITION_PREFIX} hex digits (the
 * UUID's {@code time_low}, which carries no version bits) are the batch's, so that the batch's orders share a
 * partition. 90 random bits are left per id; the prefix is random per batch, so orders still spread over the grid.
 */
final class OrderIds {

    private OrderIds() {
    }

    static String newPrefix() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    static String withPrefix(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(OrderKey.PARTITION_PREFIX);
    }
}
