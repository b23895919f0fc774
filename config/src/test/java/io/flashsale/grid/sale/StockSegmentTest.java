package io.flashsale.grid.sale;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock processors on a plain entry: the journal's dedupe, its bound, and the give-back. */
class StockSegmentTest {

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
    void aBatchOnAnEmptySegmentLeavesItAsItWas() {
        var entry = entry(StockSegment.initial(0));
        StockSegment before = entry.getValue();

        TryReserveForBatch.Result result = new TryReserveForBatch(new long[] {1, 2}, new int[] {1, 1}).process(entry);

        assertThat(result.units()).containsExactly(0, 0);
        assertThat(entry.getValue()).isSameAs(before);
    }

    @Test
    void anOrdersUnitsComeBackOnceWhileTheRingRemembersIt() {
        StockSegment segment = StockSegment.initial(10).reserve(1, 4).reserve(2, 3);
        StockSegment back = segment.takeBack(StockSegment.hashOf("return:o-1"), 4);
        assertThat(back.remaining()).isEqualTo(7);
        assertThat(back.sold()).isEqualTo(3);
        assertThat(back.takeBack(StockSegment.hashOf("return:o-1"), 4)).as("a repeat").isSameAs(back);

        StockSegment later = back;
        for (int i = 0; i < StockSegment.RETURNS_SIZE; i++) {
            later = later.reserve(100 + i, 1).takeBack(StockSegment.hashOf("return:other-" + i), 1);
        }
        assertThat(later.remaining()).isEqualTo(7);
        assertThat(later.takeBack(StockSegment.hashOf("return:o-1"), 4).sold())
                .as("forgotten after RETURNS_SIZE other returns; never below zero sold").isZero();
    }
}
