package io.flashsale.model.stock;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user limit in a home segment: the claims alone, a batch of purchases decided whole (claims, units, orders)
 * in one change, and claims merged after a split brain.
 */
class ClaimGroupTest {

    @Test
    void eachBuyerHasALimitOfItsOwnInOneHome() {
        Entry entry = new Entry(StockSegment.initial(10));
        int[] codes = new ClaimUnits(new String[] {"a", "b", "a"}, new String[] {"r1", "r2", "r3"},
                new int[] {2, 2, 1}, 2).process(entry);

        assertThat(codes).containsExactly(1, 1, 3);
        assertThat(entry.getValue().claims().of("a").units()).isEqualTo(2);
        assertThat(entry.getValue().claims().of("b").units()).isEqualTo(2);
        assertThat(entry.getValue().remaining()).as("claims take no units").isEqualTo(10);
    }

    @Test
    void aBatchOnlyOverTheLimitChangesNothing() {
        Entry entry = new Entry(StockSegment.initial(10));
        int[] codes = ClaimUnits.one("a", "r1", 3, 2).process(entry);

        assertThat(codes).containsExactly(3);
        assertThat(entry.set).as("no value set, so no backup").isFalse();
    }

    @Test
    void aSaleWhoseHomeIsGoneClaimsNothing() {
        Entry entry = new Entry(null);

        assertThat(ClaimUnits.one("a", "r1", 1, 2).process(entry)).containsExactly(4);
        assertThat(new TryReserveForBatch(new ClaimUnits.Claims(new String[] {"a"}, new String[] {"r1"},
                new int[] {1}, 2), new long[] {1}, new int[] {1}, StockSegmentTest.chunk("r1")).process(entry).missing())
                .isTrue();
        assertThat(entry.set).isFalse();
    }

    @Test
    void aBatchAtHomeClaimsTakesUnitsAndRecordsOrdersInOneChange() {
        Entry entry = new Entry(StockSegment.initial(4));
        ClaimUnits.one("c", "earlier", 5, 5).process(entry); // c is at the limit already
        TryReserveForBatch batch = new TryReserveForBatch(new ClaimUnits.Claims(new String[] {"a", "c", "b"},
                new String[] {"o-a", "o-c", "o-b"}, new int[] {1, 1, 5}, 5), new long[] {1, 2, 3},
                new int[] {1, 1, 5}, StockSegmentTest.chunk("o-a", "o-c", "o-b"));

        TryReserveForBatch.Result result = batch.process(entry);

        assertThat(result.claims()).containsExactly(1, 3, 1);
        assertThat(result.units()).as("c refused by the limit takes nothing; b gets what is left")
                .containsExactly(1, 0, 3);
        assertThat(ordersIn(entry.getValue())).as("only the purchase covered in full has its order")
                .containsExactly("o-a");
        assertThat(entry.getValue().claims().of("b").units()).as("b's claim holds until it is released")
                .isEqualTo(5);
        assertThat(entry.getValue().remaining()).isZero();

        TryReserveForBatch.Result again = batch.process(entry);

        assertThat(again.claims()).as("a repeat finds its claims").containsExactly(2, 3, 2);
        assertThat(again.units()).containsExactly(1, 0, 3);
        assertThat(ordersIn(entry.getValue())).as("and records no order twice").containsExactly("o-a");
        assertThat(entry.getValue().claims().of("a").units()).isEqualTo(1);
    }

    @Test
    void aReleasedClaimFreesTheBuyersLimit() {
        Entry entry = new Entry(StockSegment.initial(10));
        ClaimUnits.one("a", "r1", 2, 2).process(entry);

        assertThat(ReleaseClaim.one("a", "r1").process(entry)).isEqualTo(1);
        assertThat(ReleaseClaim.one("a", "r1").process(entry)).as("once").isZero();
        assertThat(ClaimUnits.one("a", "r2", 2, 2).process(entry)).containsExactly(1);
    }

    @Test
    void purchasesClaimedOnEitherSideCountTowardEachBuyersLimit() {
        ClaimGroup before = new ClaimGroup();
        before.claim("a", "r1", 1, 5);
        ClaimGroup larger = before.mergedWith(new ClaimGroup());
        larger.claim("a", "r2", 1, 5);
        larger.claim("b", "r3", 2, 5);
        ClaimGroup smaller = before.mergedWith(new ClaimGroup());
        smaller.claim("a", "r4", 1, 5);
        smaller.claim("c", "r5", 1, 5);

        ClaimGroup merged = larger.mergedWith(smaller);

        assertThat(merged.of("a").requestIds()).containsExactlyInAnyOrder("r1", "r2", "r4");
        assertThat(merged.of("b").units()).isEqualTo(2);
        assertThat(merged.of("c").units()).isEqualTo(1);
        assertThat(merged.mergedWith(smaller)).isEqualTo(merged);
        assertThat(larger.of("c")).as("the copies merged are left as they were").isNull();
    }

    @Test
    void aHomeSegmentMergesItsClaimsWithItsUnits() {
        Entry larger = new Entry(StockSegment.initial(10));
        ClaimUnits.one("a", "r1", 1, 5).process(larger);
        Entry smaller = new Entry(StockSegment.initial(10));
        ClaimUnits.one("b", "r2", 1, 5).process(smaller);

        StockSegment merged = larger.getValue().mergedWith(smaller.getValue());

        assertThat(merged.claims().claims()).containsOnlyKeys("a", "b");
        assertThat(larger.getValue().claims().claims()).as("left as it was").containsOnlyKeys("a");
        assertThat(StockSegment.initial(3).mergedWith(StockSegment.initial(3)).claims())
                .as("no claims on either side, none after").isNull();
    }

    private static String[] ordersIn(StockSegment segment) {
        return Arrays.stream(segment.outbox()).flatMap(c -> Arrays.stream(c.orderIds())).toArray(String[]::new);
    }

    /** A map entry as a processor sees it, recording whether a value was set. */
    private static final class Entry extends AbstractMap.SimpleEntry<StockKey, StockSegment> {
        boolean set;

        Entry(StockSegment value) {
            super(new StockKey("s", 0), value);
        }

        @Override
        public StockSegment setValue(StockSegment value) {
            set = true;
            return super.setValue(value);
        }
    }
}
