package io.flashsale.model.stock;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.flashsale.model.serial.WrittenOutSerializer;

import java.util.Arrays;
import java.util.Map;

/**
 * Claims units of the per-user limit for a batch of purchase requests whose buyers share a home segment (see
 * {@link StockSegment#claims()}), atomically: request {@code i} of buyer {@code userIds[i]} claims
 * {@code quantities[i]} units. Idempotent per request id, so a retried or re-executed claim is not counted twice.
 * Deterministic, for the backup replica. Answers each request's {@link Outcome#code}, in the batch's order. A batch
 * of purchases claims inside {@link TryReserveForBatch}; this alone is for a purchase with an Idempotency-Key.
 */
public final class ClaimUnits extends SegmentChange<int[]> {

    /**
     * What the claim did. The processors answer with its {@link #code}: an enum would travel by Java serialization,
     * which costs more than the claim itself.
     */
    public enum Outcome {
        CLAIMED(1), ALREADY_CLAIMED(2), LIMIT_REACHED(3),
        /** The home segment is in neither the grid nor the database: the sale is not loaded. Nothing claimed. */
        NO_SEGMENT(4);

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

    private final Claims claims;

    public ClaimUnits(String[] userIds, String[] requestIds, int[] quantities, int limit) {
        this(new Claims(userIds, requestIds, quantities, limit), 0);
    }

    private ClaimUnits(Claims claims, long writer) {
        super(writer);
        this.claims = claims;
    }

    /** The claim of one request. */
    public static ClaimUnits one(String userId, String requestId, int quantity, int limit) {
        return new ClaimUnits(new String[] {userId}, new String[] {requestId}, new int[] {quantity}, limit);
    }

    @Override
    int[] apply(Map.Entry<StockKey, StockSegment> entry, long writer) {
        StockSegment segment = entry.getValue();
        int[] codes = new int[claims.requestIds().length];
        if (segment == null) {
            Arrays.fill(codes, Outcome.NO_SEGMENT.code);
            return codes;
        }
        ClaimGroup group = segment.claimsToChange();
        if (claims.claimIn(group, codes)) {
            // Also when every claim was there already (a retry), so that the backup is sent and acknowledged before
            // this answer: the first attempt may have changed only this replica (its backup unacknowledged, so its
            // caller tried again).
            entry.setValue(segment.withClaims(group));
        }
        return codes;
    }

    @Override
    SegmentChange<int[]> withWriter(long writer) {
        return new ClaimUnits(claims, writer);
    }

    /**
     * The claims of a batch: request {@code i} of buyer {@code userIds[i]} claims {@code quantities[i]} units of at
     * most {@code limit} per buyer.
     */
    public record Claims(String[] userIds, String[] requestIds, int[] quantities, int limit) {

        public Claims {
            if (userIds.length != requestIds.length || userIds.length != quantities.length) {
                throw new IllegalArgumentException("one buyer, request id and quantity per request");
            }
        }

        /** Claims each request in {@code group}, its outcome's code into {@code codes}; whether any holds a claim. */
        boolean claimIn(ClaimGroup group, int[] codes) {
            boolean held = false;
            for (int i = 0; i < requestIds.length; i++) {
                Outcome outcome = group.claim(userIds[i], requestIds[i], quantities[i], limit);
                codes[i] = outcome.code;
                held |= outcome != Outcome.LIMIT_REACHED;
            }
            return held;
        }

        /** Written out by hand, with the reflective serializer's bytes ({@link WrittenOutSerializer}). */
        public static final class Serializer extends WrittenOutSerializer<Claims> {

            public Serializer() {
                super(Claims.class);
            }

            @Override
            public Claims read(CompactReader in) {
                return new Claims(in.readArrayOfString("userIds"), in.readArrayOfString("requestIds"),
                        in.readArrayOfInt32("quantities"), in.readInt32("limit"));
            }

            @Override
            public void write(CompactWriter out, Claims claims) {
                out.writeArrayOfString("userIds", claims.userIds());
                out.writeArrayOfString("requestIds", claims.requestIds());
                out.writeArrayOfInt32("quantities", claims.quantities());
                out.writeInt32("limit", claims.limit());
            }
        }
    }
}
