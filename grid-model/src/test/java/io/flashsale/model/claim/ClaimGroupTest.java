package io.flashsale.model.claim;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A claim group's rules, and its copies merged after a split brain. */
class ClaimGroupTest {

    @Test
    void eachBuyerHasALimitOfItsOwnInOneGroup() {
        Entry entry = new Entry(null);
        int[] codes = new ClaimUnits(new String[] {"a", "b", "a"}, new String[] {"r1", "r2", "r3"},
                new int[] {2, 2, 1}, 2).process(entry);

        assertThat(codes).containsExactly(1, 1, 3);
        assertThat(entry.getValue().of("a").units()).isEqualTo(2);
        assertThat(entry.getValue().of("b").units()).isEqualTo(2);
    }

    @Test
    void aBatchOnlyOverTheLimitChangesNothing() {
        Entry entry = new Entry(null);
        int[] codes = ClaimUnits.one("a", "r1", 3, 2).process(entry);

        assertThat(codes).containsExactly(3);
        assertThat(entry.set).as("no value set, so no backup and no empty group stored").isFalse();
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

    /** A map entry as a processor sees it, recording whether a value was set. */
    private static final class Entry extends AbstractMap.SimpleEntry<ClaimGroupKey, ClaimGroup> {
        boolean set;

        Entry(ClaimGroup value) {
            super(new ClaimGroupKey("s", 0), value);
        }

        @Override
        public ClaimGroup setValue(ClaimGroup value) {
            set = true;
            return super.setValue(value);
        }
    }
}
