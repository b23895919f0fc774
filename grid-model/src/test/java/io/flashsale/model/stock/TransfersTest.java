package io.flashsale.model.stock;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Units lent from one segment to another: each side applied once, nothing sold twice, and two copies merged after a
 * split brain count a transfer once.
 */
class TransfersTest {

    private static final long A = 11;
    private static final long B = 22;

    private static Map.Entry<StockKey, StockSegment> segment(int index, int units) {
        return new AbstractMap.SimpleEntry<>(new StockKey("s", index), StockSegment.initial(units));
    }

    @Test
    void lentUnitsLeaveTheLenderAtOnceAndReachTheReceiverOnce() {
        Map.Entry<StockKey, StockSegment> lender = segment(5, 30);
        Map.Entry<StockKey, StockSegment> home = segment(0, 2);

        assertThat(new LendUnits(7, 0, 100).process(lender)).as("all it has").isEqualTo(30);
        assertThat(new LendUnits(7, 0, 100).process(lender)).as("a repeat lends nothing more").isEqualTo(30);
        assertThat(lender.getValue().remaining()).isZero();
        assertThat(lender.getValue().sold()).as("lent is not sold").isZero();
        assertThat(lender.getValue().transfers().outgoing()).containsExactly(new UnitTransfer(7, 0, 30));

        assertThat(new ReceiveUnits(7, 30).process(home)).isEqualTo(30);
        assertThat(new ReceiveUnits(7, 30).process(home)).as("a repeated delivery").isEqualTo(30);
        assertThat(home.getValue().remaining()).isEqualTo(32);

        assertThat(new ForgetTransfer(7).process(lender)).isTrue();
        assertThat(new ForgetTransfer(7).process(lender)).isFalse();
        assertThat(lender.getValue().transfers().outgoing()).isEmpty();
        assertThat(new LendUnits(8, 0, 1).process(lender)).as("nothing left to lend").isZero();
        assertThat(new LendUnits(7, 0, 100).process(lender)).as("still known as lent").isEqualTo(30);
    }

    @Test
    void aTransferDeliveredOnBothSidesOfASplitCountsOnce() {
        Map.Entry<StockKey, StockSegment> home = segment(0, 10);
        home.setValue(home.getValue().reserve(1, 4, A)); // 6 left
        StockSegment larger = StockSegmentTest.copyOf(home.getValue()); // each side's replica: arrays of its own
        StockSegment smaller = StockSegmentTest.copyOf(home.getValue());
        // Lent before the split; each side's copy of the lender delivers it, under its own primary.
        larger = larger.receive(99, 20, A).reserve(2, 3, A);
        smaller = smaller.receive(99, 20, B).reserve(3, 5, B);

        StockSegment merged = larger.mergedWith(smaller);

        assertThat(merged.sold()).isEqualTo(4 + 3 + 5);
        assertThat(merged.remaining()).as("10 + 20 received once - 12 sold").isEqualTo(18);
        assertThat(merged.mergedWith(smaller)).as("merging again changes nothing").isEqualTo(merged);
        assertThat(smaller.mergedWith(larger).remaining()).as("either way round").isEqualTo(18);
        assertThat(merged.receive(99, 20, A)).as("and it is not received a third time").isSameAs(merged);
    }

    @Test
    void aTransferForgottenOnOneSideOnlyIsDeliveredAgainAsANoOp() {
        StockSegment lender = StockSegment.initial(10).lend(5, 0, 10, A);
        StockSegment forgotten = lender.forgetTransfer(5);

        StockSegment merged = forgotten.mergedWith(lender);

        assertThat(merged.transfers().outgoing()).as("still to deliver").containsExactly(new UnitTransfer(5, 0, 10));
        assertThat(merged.remaining()).as("lent once").isZero();
        StockSegment home = StockSegment.initial(0).receive(5, 10, A);
        assertThat(home.receive(5, 10, B)).isSameAs(home);
    }
}
