package io.flashsale.gridnode.held;

import io.flashsale.model.stock.SegmentLevels;
import io.flashsale.model.task.GridDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The held-units sweep's decisions, without a grid: when it acts on a sale, and what it counts as held. */
class HeldUnitsTest {

    private static final long QUIET = 1_000;

    private static Map<Integer, SegmentLevels> sale(int remaining, int sold) {
        return Map.of(0, new SegmentLevels(remaining, sold, 0, 0), 1, new SegmentLevels(10, 0, 0, 0));
    }

    @Test
    void aSaleIsWatchedUntilItStaysQuietThenItsJournalsGoThenItIsCountedOnce() {
        Map<Integer, SegmentLevels> sale = sale(7, 3);
        assertThat(HeldUnits.next(null, sale, 0, QUIET)).as("first seen").isEqualTo(HeldUnits.Action.WATCH);

        HeldUnits.Seen watching = HeldUnits.Seen.of(sale, 0, HeldUnits.Step.WATCHING);
        assertThat(HeldUnits.next(watching, sale, QUIET - 1, QUIET)).as("not quiet long enough")
                .isEqualTo(HeldUnits.Action.WAIT);
        assertThat(HeldUnits.next(watching, sale, QUIET, QUIET)).isEqualTo(HeldUnits.Action.FORGET_JOURNALS);

        HeldUnits.Seen forgotten = HeldUnits.Seen.of(sale, QUIET, HeldUnits.Step.JOURNALS_FORGOTTEN);
        assertThat(HeldUnits.next(forgotten, sale, QUIET + QUIET / 2, QUIET)).isEqualTo(HeldUnits.Action.WAIT);
        assertThat(HeldUnits.next(forgotten, sale, 2 * QUIET, QUIET)).isEqualTo(HeldUnits.Action.COUNT);

        HeldUnits.Seen counted = HeldUnits.Seen.of(sale, 2 * QUIET, HeldUnits.Step.COUNTED);
        assertThat(HeldUnits.next(counted, sale, 10 * QUIET, QUIET)).as("not again until the sale changes")
                .isEqualTo(HeldUnits.Action.WAIT);
    }

    @Test
    void anyChangeStartsTheWatchAgain() {
        HeldUnits.Seen forgotten = HeldUnits.Seen.of(sale(7, 3), 0, HeldUnits.Step.JOURNALS_FORGOTTEN);
        assertThat(HeldUnits.next(forgotten, sale(6, 4), 10 * QUIET, QUIET)).as("one more unit sold")
                .isEqualTo(HeldUnits.Action.WATCH);
        assertThat(HeldUnits.next(forgotten, Map.of(0, new SegmentLevels(7, 3, 0, 0)), 10 * QUIET, QUIET))
                .as("a segment gone").isEqualTo(HeldUnits.Action.WATCH);
    }

    @Test
    void heldUnitsAreThoseSoldBeyondWhatOrdersHoldAndAnOversellIsNeverTakenBack() {
        Map<Integer, SegmentLevels> segments = Map.of(0, new SegmentLevels(5, 5, 0, 0),
                1, new SegmentLevels(8, 2, 0, 0), 2, new SegmentLevels(9, 1, 0, 0));
        GridDatabase.UnitsOut out = new GridDatabase.UnitsOut(Map.of(0, 3, 1, 2, 2, 4), 0);
        assertThat(HeldUnits.heldBySegment("s", segments, out))
                .as("segment 0 holds 2 without an order; 1 is exact; 2 is oversold by 3").isEqualTo(Map.of(0, 2));
        assertThat(HeldUnits.heldBySegment("s", segments, new GridDatabase.UnitsOut(Map.of(), 0)))
                .as("no orders at all").isEqualTo(Map.of(0, 5, 1, 2, 2, 1));
    }
}
