package io.flashsale.model.stock;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.flashsale.model.merge.Mergeable;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The claims of the buyers whose home is one stock segment (see {@link StockSegment#claims()}): per buyer, the
 * purchase requests that hold units of the per-user limit.
 *
 * <p>Changed in place: copying the claims of many buyers on every batch would cost more than the claims. That is
 * safe because the stock map keeps its values in OBJECT format and only the partition thread that owns this replica
 * runs processors on it, merges it or serializes it (for a backup or a migration); the processors still set the
 * segment after changing it, which is what sends the change to the backup replica.
 */
public final class ClaimGroup implements Mergeable<ClaimGroup> {

    private final Map<String, UserClaim> byBuyer;

    public ClaimGroup() {
        this(new HashMap<>());
    }

    private ClaimGroup(Map<String, UserClaim> byBuyer) {
        this.byBuyer = byBuyer;
    }

    /** The buyer's claim, or null when the buyer holds nothing. */
    public @Nullable UserClaim of(String userId) {
        return byBuyer.get(userId);
    }

    /** Every buyer's claim, read-only. */
    public Map<String, UserClaim> claims() {
        return Collections.unmodifiableMap(byBuyer);
    }

    public boolean isEmpty() {
        return byBuyer.isEmpty();
    }

    /** Claims {@code quantity} units for the request unless that passes {@code limit}; a request claims once. */
    ClaimUnits.Outcome claim(String userId, String requestId, int quantity, int limit) {
        UserClaim claim = byBuyer.getOrDefault(userId, UserClaim.EMPTY);
        if (claim.indexOf(requestId) >= 0) {
            return ClaimUnits.Outcome.ALREADY_CLAIMED;
        }
        if (claim.units() + quantity > limit) {
            return ClaimUnits.Outcome.LIMIT_REACHED;
        }
        byBuyer.put(userId, claim.plus(requestId, quantity));
        return ClaimUnits.Outcome.CLAIMED;
    }

    /** Frees what the request claimed; returns whether it held anything. A buyer left with nothing is forgotten. */
    boolean release(String userId, String requestId) {
        UserClaim claim = byBuyer.get(userId);
        int index = claim == null ? -1 : claim.indexOf(requestId);
        if (index < 0) {
            return false;
        }
        UserClaim rest = claim.minus(index);
        if (rest.requestIds().length == 0) {
            byBuyer.remove(userId);
        } else {
            byBuyer.put(userId, rest);
        }
        return true;
    }

    /** Puts a buyer's claim back unless the group holds one for the buyer already; returns whether it did. */
    boolean restore(String userId, UserClaim claim) {
        return byBuyer.putIfAbsent(userId, claim) == null;
    }

    /** Per buyer, the union of both copies' requests (see {@link UserClaim#mergedWith}). A new group. */
    @Override
    public ClaimGroup mergedWith(ClaimGroup other) {
        Map<String, UserClaim> merged = new HashMap<>(byBuyer);
        other.byBuyer.forEach((buyer, claim) -> merged.merge(buyer, claim, UserClaim::mergedWith));
        return new ClaimGroup(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimGroup g && g.byBuyer.equals(byBuyer);
    }

    @Override
    public int hashCode() {
        return byBuyer.hashCode();
    }

    @Override
    public String toString() {
        return "ClaimGroup[" + byBuyer.size() + " buyers]";
    }

    /** Compact serialization as two parallel arrays (the reflective serializer takes no maps). */
    public static final class Serializer implements CompactSerializer<ClaimGroup> {

        @Override
        public ClaimGroup read(CompactReader reader) {
            String[] buyers = reader.readArrayOfString("buyers");
            UserClaim[] claims = reader.readArrayOfCompact("claims", UserClaim.class);
            Map<String, UserClaim> byBuyer = new HashMap<>(Math.max(16, buyers.length * 2));
            for (int i = 0; i < buyers.length; i++) {
                byBuyer.put(buyers[i], claims[i]);
            }
            return new ClaimGroup(byBuyer);
        }

        @Override
        public void write(CompactWriter writer, ClaimGroup group) {
            String[] buyers = new String[group.byBuyer.size()];
            UserClaim[] claims = new UserClaim[buyers.length];
            int i = 0;
            for (Map.Entry<String, UserClaim> e : group.byBuyer.entrySet()) {
                buyers[i] = e.getKey();
                claims[i++] = e.getValue();
            }
            writer.writeArrayOfString("buyers", buyers);
            writer.writeArrayOfCompact("claims", claims);
        }

        @Override
        public String getTypeName() {
            return ClaimGroup.class.getName();
        }

        @Override
        public Class<ClaimGroup> getCompactClass() {
            return ClaimGroup.class;
        }
    }
}
