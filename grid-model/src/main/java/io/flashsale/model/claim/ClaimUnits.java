package io.flashsale.model.claim;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Claims units of the per-user limit for a batch of purchase requests of one claim group, atomically: request
 * {@code i} of buyer {@code userIds[i]} claims {@code quantities[i]} units. Idempotent per request id, so a retried or
 * re-executed claim is not counted twice. Deterministic, for the backup replica. Answers each request's
 * {@link Outcome#code}, in the batch's order.
 */
public record ClaimUnits(String[] userIds, String[] requestIds, int[] quantities, int limit)
        implements EntryProcessor<ClaimGroupKey, ClaimGroup, int[]> {

    /**
     * What the claim did. The processors answer with its {@link #code}: an enum would travel by Java serialization,
     * which costs more than the claim itself.
     */
    public enum Outcome {
        CLAIMED(1), ALREADY_CLAIMED(2), LIMIT_REACHED(3);

        final int code;

        Outcome(int code) {
            this.code = code;
        }

        /** The outcome a processor answered. */
        public static Outcome of(int code) {
            for (Outcome outcome : values()) {
                if (outcome.code == code) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no claim outcome " + code);
        }
    }

    public ClaimUnits {
        if (userIds.length != requestIds.length || userIds.length != quantities.length) {
            throw new IllegalArgumentException("one buyer, request id and quantity per request");
        }
    }

    /** The claim of one request. */
    public static ClaimUnits one(String userId, String requestId, int quantity, int limit) {
        return new ClaimUnits(new String[] {userId}, new String[] {requestId}, new int[] {quantity}, limit);
    }

    @Override
    public int[] process(Map.Entry<ClaimGroupKey, ClaimGroup> entry) {
        ClaimGroup group = entry.getValue() == null ? new ClaimGroup() : entry.getValue();
        int[] codes = new int[requestIds.length];
        boolean held = false;
        for (int i = 0; i < requestIds.length; i++) {
            Outcome outcome = group.claim(userIds[i], requestIds[i], quantities[i], limit);
            codes[i] = outcome.code;
            held |= outcome != Outcome.LIMIT_REACHED;
        }
        if (held) {
            // Also when every claim was there already (a retry), so that the backup is sent and acknowledged before
            // this answer: the first attempt may have changed only this replica (its backup unacknowledged, so its
            // caller tried again).
            entry.setValue(group);
        }
        return codes;
    }
}
