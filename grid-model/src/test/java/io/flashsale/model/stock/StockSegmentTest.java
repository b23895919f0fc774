package io.flashsale.model.stock;

import io.flashsale.model.order.OrderChunk;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock processors on a plain entry: the journal's dedupe, its bound, and the give-back; and how two copies of a
 * segment merge after a split brain.
 */
class StockSegmentTest {

    /** Writers: members that held the primary replica. */
    private static final long A = 11;
    private static final long B = 22;
    private static final long C = 33;

    private static Map.Entry<StockKey, StockSegment> entry(StockSegment value) {
        return new AbstractMap.SimpleEntry<>(new StockKey("s", 0), value);
    }

    @Test
    void aRepeatedRequestGetsItsUnitsBackWithoutTakingMore() {
        var entry = entry(StockSegment.initial(10));

        Reservation first = new TryReserve(42, 3).process(entry);
        Reservation again = new TryReserve(42, 3).process(entry);

        assertThat(first).isEqualTo(new Reservation(3, 7, false, false));
        assertThat(again).isEqualTo(new Reservation(3, 7, true, false));
        assertThat(entry.getValue().remaining()).isEqualTo(7);
        assertThat(entry.getValue().sold()).isEqualTo(3);
    }

    @Test
    void takesWhatIsLeftAndNothingFromAnEmptySegment() {
        var entry = entry(StockSegment.initial(2));

        assertThat(new TryReserve(1, 3).process(entry).units()).isEqualTo(2);
        assertThat(new TryReserve(2, 1).process(entry)).isEqualTo(new Reservation(0, 0, false, false));
        assertThat(entry.getValue().remaining()).isZero();
        assertThat(entry.getValue().sold()).isEqualTo(2);
    }

    @Test
    void heldUnitsGoBackOnlyIfTheSegmentIsAsCountedAndOnlyOnce() {
        var entry = entry(StockSegment.initial(10));
        new TryReserve(42, 3).process(entry); // held: no order will come
        StockSegment counted = entry.getValue();
        new TryReserve(43, 1).process(entry); // a purchase after the count

        assertThat(new ReleaseHeldUnits(SegmentLevels.of(counted), 7, 3).process(entry)).as("changed since the count")
                .isZero();
        assertThat(entry.getValue().remaining()).isEqualTo(6);

        StockSegment recounted = entry.getValue();
        assertThat(new ReleaseHeldUnits(SegmentLevels.of(recounted), 8, 3).process(entry)).isEqualTo(3);
        assertThat(new ReleaseHeldUnits(SegmentLevels.of(recounted), 8, 3).process(entry)).as("a repeat")
                .isEqualTo(3);
        assertThat(entry.getValue().remaining()).isEqualTo(9);
        assertThat(entry.getValue().sold()).isEqualTo(1);
    }

    @Test
    void aForgottenJournalMakesALateRetryReserveAnewAndOnlyIfTheSegmentIsAsSeen() {
        var entry = entry(StockSegment.initial(10));
        new TryReserve(42, 3).process(entry);
        StockSegment seen = entry.getValue();
        new TryReserve(43, 1).process(entry);

        assertThat(new ForgetJournal(SegmentLevels.of(seen)).process(entry)).as("changed since seen").isFalse();
        assertThat(new TryReserve(42, 3).process(entry).repeated()).isTrue();

        assertThat(new ForgetJournal(SegmentLevels.of(entry.getValue())).process(entry)).isTrue();
        assertThat(new TryReserve(42, 3).process(entry)).isEqualTo(new Reservation(3, 3, false, false));
    }

    @Test
    void aMissingSegmentIsReportedNotCreated() {
        var entry = entry(null);

        assertThat(new TryReserve(1, 1).process(entry).missing()).isTrue();
        assertThat(entry.getValue()).isNull();
    }

    @Test
    void releaseGivesBackOnceAndOnlyWhatTheRequestTook() {
        var entry = entry(StockSegment.initial(10));
        new TryReserve(7, 4).process(entry);
        new TryReserve(8, 1).process(entry);

        assertThat(new ReleaseReservation(7).process(entry)).isEqualTo(4);
        assertThat(new ReleaseReservation(7).process(entry)).isZero();
        assertThat(new ReleaseReservation(99).process(entry)).isZero();
        assertThat(entry.getValue().remaining()).isEqualTo(9);
        assertThat(entry.getValue().sold()).isEqualTo(1);
    }

    @Test
    void theJournalForgetsTheOldestRequestOnceFull() {
        var entry = entry(StockSegment.initial(StockSegment.JOURNAL_SIZE + 10));
        for (int i = 1; i <= StockSegment.JOURNAL_SIZE + 1; i++) {
            new TryReserve(i, 1).process(entry);
        }

        assertThat(new TryReserve(2, 1).process(entry).repeated()).isTrue();
        assertThat(new TryReserve(1, 1).process(entry).repeated()).isFalse(); // slot 0 was overwritten
    }

    @Test
    void aBatchTakesInOrderWhileStockLastsAndARepeatedBatchChangesNothing() {
        var entry = entry(StockSegment.initial(5));
        new TryReserve(9, 1).process(entry); // an earlier request that is in the batch again (a retry)
        TryReserveForBatch batch = new TryReserveForBatch(new long[] {1, 9, 2, 3}, new int[] {2, 1, 3, 1});

        TryReserveForBatch.Result first = batch.process(entry);
        TryReserveForBatch.Result again = batch.process(entry);

        assertThat(first.units()).containsExactly(2, 1, 2, 0); // 9 had its unit; 2 got what was left; 3 nothing
        assertThat(first.remaining()).isZero();
        assertThat(again.units()).containsExactly(2, 1, 2, 0);
        assertThat(entry.getValue().remaining()).isZero();
        assertThat(entry.getValue().sold()).isEqualTo(5);
        assertThat(new ReleaseReservation(new long[] {1, 2, 3}).process(entry)).isEqualTo(4);
        assertThat(entry.getValue().remaining()).isEqualTo(4);
    }

    @Test
    void aBatchRecordsTheOrdersOfThePurchasesItCoversInFullOnceAndARepeatAddsNone() {
        var entry = entry(StockSegment.initial(4));
        TryReserveForBatch batch = new TryReserveForBatch(new long[] {1, 2, 3}, new int[] {2, 1, 2},
                chunk("o-1", "o-2", "o-3"));

        TryReserveForBatch.Result first = batch.process(entry);
        TryReserveForBatch.Result again = batch.process(entry);

        assertThat(first.units()).containsExactly(2, 1, 1); // o-3 got 1 of 2: not covered, no order recorded
        assertThat(again.units()).containsExactly(2, 1, 1);
        assertThat(idsIn(entry.getValue())).containsExactly("o-1", "o-2");
    }

    @Test
    void ordersLeaveTheOutboxOnceAndAMergeKeepsBothSidesOrders() {
        var entry = entry(StockSegment.initial(10));
        new TryReserveForBatch(new long[] {1, 2}, new int[] {1, 1}, chunk("o-1", "o-2")).process(entry);
        StockSegment otherSide = copyOf(entry.getValue()).reserveAll(new long[] {3}, new int[] {1}, new int[1], C)
                .withOutbox(new OrderChunk[] {chunk("o-1", "o-2"), chunk("o-3")});

        assertThat(new RemoveFromOutbox(new String[] {"o-1", "o-9"}).process(entry)).isEqualTo(1);
        assertThat(new RemoveFromOutbox(new String[] {"o-1"}).process(entry)).as("a repeat").isZero();
        assertThat(idsIn(entry.getValue())).containsExactly("o-2");
        assertThat(entry.getValue().outbox()[0].bytesOf(0)).containsExactly(bytesOf("o-2"));
        assertThat(idsIn(entry.getValue().mergedWith(otherSide))).containsExactly("o-2", "o-1", "o-3");
        assertThat(new OutboxOrders(1).process(entry).chunks()).hasSize(1);
    }

    @Test
    void aMovedChunkLeavesTheChunksAroundItAsTheyWere() {
        OrderChunk before = chunk("o-1");
        OrderChunk after = chunk("o-4");
        var entry = entry(StockSegment.initial(10).withOutbox(new OrderChunk[] {before, chunk("o-2", "o-3"), after}));

        assertThat(new RemoveFromOutbox(new String[] {"o-3", "o-2"}).process(entry)).isEqualTo(2);
        assertThat(entry.getValue().outbox()).containsExactly(before, after);
    }

    @Test
    void heldUnitsStayHeldWhileTheOutboxHoldsOrders() {
        var entry = entry(StockSegment.initial(10));
        new TryReserveForBatch(new long[] {1}, new int[] {1}, chunk("o-1")).process(entry);
        StockSegment counted = entry.getValue();

        assertThat(new ReleaseHeldUnits(SegmentLevels.of(counted), 7, 1).process(entry)).isZero();
        new RemoveFromOutbox(new String[] {"o-1"}).process(entry);
        assertThat(new ReleaseHeldUnits(SegmentLevels.of(entry.getValue()), 7, 1).process(entry)).isEqualTo(1);
    }

    /** A chunk of orders whose bytes stand in for their serialized form (the segment never reads them). */
    static OrderChunk chunk(String... ids) {
        byte[] all = String.join("", ids).getBytes(StandardCharsets.UTF_8);
        int[] ends = new int[ids.length];
        for (int i = 0, at = 0; i < ids.length; i++) {
            at += ids[i].length();
            ends[i] = at;
        }
        return new OrderChunk(ids, all, ends);
    }

    private static byte[] bytesOf(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> idsIn(StockSegment segment) {
        return Arrays.stream(segment.outbox()).flatMap(c -> Arrays.stream(c.orderIds())).toList();
    }

    @Test
    void aBatchOnAnEmptySegmentLeavesItAsItWas() {
        var entry = entry(StockSegment.initial(0));
        StockSegment before = entry.getValue();

        TryReserveForBatch.Result result = new TryReserveForBatch(new long[] {1, 2}, new int[] {1, 1}).process(entry);

        assertThat(result.units()).containsExactly(0, 0);
        assertThat(entry.getValue()).isSameAs(before);
    }

    @Test
    void anOrdersUnitsComeBackOnceWhileTheRingRemembersIt() {
        StockSegment segment = StockSegment.initial(10).reserve(1, 4, A).reserve(2, 3, A);
        StockSegment back = segment.takeBack(StockSegment.hashOf("return:o-1"), 4, A);
        assertThat(back.remaining()).isEqualTo(7);
        assertThat(back.sold()).isEqualTo(3);
        assertThat(back.takeBack(StockSegment.hashOf("return:o-1"), 4, A)).as("a repeat").isSameAs(back);

        StockSegment later = back;
        for (int i = 0; i < StockSegment.RETURNS_SIZE; i++) {
            later = later.reserve(100 + i, 1, A).takeBack(StockSegment.hashOf("return:other-" + i), 1, A);
        }
        assertThat(later.remaining()).isEqualTo(7);
        assertThat(later.takeBack(StockSegment.hashOf("return:o-1"), 4, A).sold())
                .as("forgotten after RETURNS_SIZE other returns; never below zero sold").isZero();
    }

    @Test
    void aMergeKeepsWhatBothSidesOfASplitDidWriterByWriter() {
        // Before the split: A (the primary) sold 10; both replicas have it.
        StockSegment before = StockSegment.initial(100).reserve(1, 10, A);
        StockSegment larger = copyOf(before);
        StockSegment smaller = copyOf(before);
        // The larger side promoted its backup on B: B sells 30 and takes back an expired order's 2 units.
        for (int i = 0; i < 30; i++) {
            larger = larger.reserve(100 + i, 1, B);
        }
        larger = larger.takeBack(StockSegment.hashOf("return:o-1"), 2, B);
        // The smaller side kept A: A sells 20, releases one failed purchase (5) and takes back another order (3).
        smaller = smaller.reserve(2, 5, A);
        for (int i = 0; i < 15; i++) {
            smaller = smaller.reserve(200 + i, 1, A);
        }
        smaller = smaller.release(2, A).takeBack(StockSegment.hashOf("return:o-2"), 3, A);

        StockSegment merged = larger.mergedWith(smaller);

        int sold = 10 + 30 - 2 + 20 - 5 - 3;
        assertThat(merged.sold()).isEqualTo(sold);
        assertThat(merged.remaining()).isEqualTo(100 - sold);
        assertThat(merged.takeBack(StockSegment.hashOf("return:o-2"), 3, B))
                .as("an order given back on the other side is not given back again").isSameAs(merged);
        assertThat(merged.mergedWith(smaller)).as("merging again changes nothing").isEqualTo(merged);
        assertThat(smaller.mergedWith(larger).remaining()).as("either way round").isEqualTo(merged.remaining());
    }

    @Test
    void aStaleCopyFromAPausedMemberTakesNothingAway() {
        StockSegment stale = StockSegment.initial(50).reserve(1, 5, A);
        StockSegment current = copyOf(stale).reserve(2, 7, A).reserve(3, 4, B);

        StockSegment merged = current.mergedWith(stale);

        assertThat(merged.remaining()).isEqualTo(current.remaining()).isEqualTo(34);
        assertThat(merged.sold()).isEqualTo(16);
    }

    @Test
    void aReservationAppliedOnAPausedPrimaryAndRetriedOnTheNewOneCountsOnce() {
        StockSegment replicated = StockSegment.initial(20).reserve(1, 2, A);
        // A applied request 2 and froze before its backup saw it; the caller retried on B, the promoted backup.
        StockSegment paused = copyOf(replicated).reserve(2, 3, A);
        StockSegment current = copyOf(replicated).reserve(2, 3, B).reserve(3, 1, B);

        StockSegment merged = current.mergedWith(paused);

        assertThat(merged.sold()).isEqualTo(2 + 3 + 1);
        assertThat(merged.remaining()).isEqualTo(14);
        assertThat(merged.mergedWith(paused)).as("merging again changes nothing").isEqualTo(merged);
    }

    @Test
    void unitsBothSidesSoldShowAsOversoldAndNothingMoreIsSold() {
        StockSegment larger = StockSegment.initial(10);
        StockSegment smaller = copyOf(larger);
        larger = larger.reserve(1, 8, B);
        smaller = smaller.reserve(2, 6, C);

        var entry = entry(larger.mergedWith(smaller));

        assertThat(entry.getValue().remaining()).as("oversold by 4").isEqualTo(-4);
        assertThat(entry.getValue().sold() + entry.getValue().remaining()).isEqualTo(10);
        assertThat(new TryReserve(3, 1).process(entry)).isEqualTo(new Reservation(0, 0, false, false));
        assertThat(new TryReserveForBatch(new long[] {4}, new int[] {1}).process(entry).units()).containsExactly(0);
        assertThat(entry.getValue().remaining()).isEqualTo(-4);
    }

    @Test
    void copiesLoadedFromDifferentDatabaseRowsKeepTheOneWithLessLeft() {
        StockSegment fromGrid = StockSegment.initial(100).reserve(1, 30, A);
        StockSegment reloaded = StockSegment.restored(90, 10).reserve(2, 5, C);

        assertThat(fromGrid.mergedWith(reloaded)).isSameAs(fromGrid);
        assertThat(reloaded.mergedWith(fromGrid)).isSameAs(fromGrid);
    }

    /** What a second replica holds: the same value, its own arrays (as after a backup or a migration). */
    static StockSegment copyOf(StockSegment s) {
        return new StockSegment(s.remaining(), s.sold(), s.baseRemaining(), s.baseSold(), s.writers().clone(),
                s.taken().clone(), s.given().clone(), s.journalRequests().clone(), s.journalUnits().clone(),
                s.journalWriters().clone(), s.cursor(), s.returnedOrders().clone(), s.returnCursor(), s.outbox(),
                s.claims() == null ? null : s.claims().mergedWith(new ClaimGroup()), s.transfers());
    }
}
