package io.flashsale.model.stock;

import io.flashsale.model.order.OrderChunk;
import org.jspecify.annotations.Nullable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Two copies of a stock segment merged after a split brain healed: {@code ours} (the larger side's) and
 * {@code theirs} (the smaller side's). Both started from the same base, and each writer counted on one side only, so
 * per writer the larger count is what it did on its side, and the sum over writers is what both sides did: units
 * sold on either side stay sold, units given back on either side come back. When both sides sold the same units
 * during the split, {@code remaining} ends below zero (by how much they oversold) and nothing more is sold from there.
 *
 * <p>Copies whose bases differ (one side lost both replicas and loaded the segment from the database) cannot be
 * compared writer by writer; the one with fewer units left wins: stock may go unsold, it is never sold twice.
 * A request reserved on both sides (applied on the smaller side but not replicated, then retried here) counts
 * once. The journal stays ours: a request made before the split and retried after it finds its reservation here
 * when it was made on this side. Returned orders, claims and outboxes are the union of both sides', transfers merge
 * as {@link Transfers#mergedWith} says.
 *
 * <p>What this cannot tell: whether a change only the smaller side holds was ever acknowledged. On a smaller side
 * large enough to hold every replica of a partition some were, and dropping them would sell their units twice, so
 * they are all counted: the side that never oversells. (A smaller side that acknowledged nothing, such as a single
 * member, has its copies dropped by {@code MergeCopies} before they get here.)
 */
final class SegmentMerge {

    /** Mixed into a writer's id to name the writer of the corrections a merge makes for it. */
    private static final long CORRECTIONS = 0x6d65726765645f32L;

    private SegmentMerge() {
    }

    static StockSegment of(StockSegment ours, StockSegment theirs) {
        if (theirs.baseRemaining() != ours.baseRemaining() || theirs.baseSold() != ours.baseSold()) {
            StockSegment kept = theirs.remaining() < ours.remaining() ? theirs : ours;
            OrderChunk[] orders = Outbox.union(kept.outbox(), kept == ours ? theirs.outbox() : ours.outbox());
            return kept.withOutbox(orders).withClaims(claims(ours, theirs));
        }
        WriterCounts counts = WriterCounts.copyOf(ours.writers(), ours.taken(), ours.given());
        counts.mergeMax(theirs.writers(), theirs.taken(), theirs.given());
        // A request both journals hold under different writers was reserved on both sides: the smaller side applied
        // it but could not replicate it before the split (so its caller had no answer and tried again here). Count it
        // once: its units on the other side are given back under a writer id of their own, set (not added) so that
        // merging the same copy again changes nothing.
        Map<Long, Integer> twiceByWriter = reservedOnBothSides(ours, theirs);
        for (Map.Entry<Long, Integer> twice : twiceByWriter.entrySet()) {
            int i = counts.slotOf(WriterCounts.correctionsOf(twice.getKey(), CORRECTIONS));
            counts.down[i] = Math.max(counts.down[i], twice.getValue());
        }
        Transfers transfers = ours.transfers().mergedWith(theirs.transfers());
        long[] returns = ours.returnedOrders().clone();
        int nextReturn = ours.returnCursor();
        Set<Long> known = new HashSet<>();
        for (long order : ours.returnedOrders()) {
            known.add(order);
        }
        for (long order : theirs.returnedOrders()) {
            if (order != 0 && known.add(order)) {
                if (returns.length == 0) {
                    returns = new long[StockSegment.RETURNS_SIZE];
                }
                returns[nextReturn] = order;
                nextReturn = (nextReturn + 1) % StockSegment.RETURNS_SIZE;
            }
        }
        int sold = counts.net();
        return new StockSegment(ours.baseRemaining() - sold - transfers.netOut(), ours.baseSold() + sold,
                ours.baseRemaining(), ours.baseSold(), counts.writers, counts.up, counts.down,
                ours.journalRequests().clone(), ours.journalUnits().clone(), ours.journalWriters().clone(),
                ours.cursor(), returns, nextReturn, Outbox.union(ours.outbox(), theirs.outbox()),
                claims(ours, theirs), transfers);
    }

    /** Per writer of theirs, the units of requests both journals hold under different writers. */
    private static Map<Long, Integer> reservedOnBothSides(StockSegment ours, StockSegment theirs) {
        Map<Long, Integer> slots = new HashMap<>();
        long[] requests = ours.journalRequests();
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != 0) {
                slots.put(requests[i], i);
            }
        }
        Map<Long, Integer> twiceByWriter = new HashMap<>();
        long[] theirRequests = theirs.journalRequests();
        for (int j = 0; j < theirRequests.length; j++) {
            Integer i = theirRequests[j] == 0 ? null : slots.get(theirRequests[j]);
            if (i == null) {
                continue;
            }
            long theirWriter = theirs.writers()[theirs.journalWriters()[j]];
            if (ours.writers()[ours.journalWriters()[i]] != theirWriter) {
                twiceByWriter.merge(theirWriter, theirs.journalUnits()[j], Integer::sum);
            }
        }
        return twiceByWriter;
    }

    /** Both copies' claims: a purchase claimed on either side counts toward its buyer's limit. */
    private static @Nullable ClaimGroup claims(StockSegment ours, StockSegment theirs) {
        if (ours.claims() == null && theirs.claims() == null) {
            return null;
        }
        return (ours.claims() == null ? new ClaimGroup() : ours.claims()).mergedWith(
                theirs.claims() == null ? new ClaimGroup() : theirs.claims());
    }
}
