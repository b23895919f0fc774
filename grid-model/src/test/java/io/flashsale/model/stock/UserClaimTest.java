package io.flashsale.model.stock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A buyer's claim merged after a split brain. */
class UserClaimTest {

    @Test
    void purchasesClaimedOnEitherSideCountTowardTheLimit() {
        UserClaim before = UserClaim.EMPTY.plus("r-1", 1);
        UserClaim larger = before.plus("r-2", 2);
        UserClaim smaller = before.plus("r-3", 1);

        UserClaim merged = larger.mergedWith(smaller);

        assertThat(merged.requestIds()).containsExactly("r-1", "r-2", "r-3");
        assertThat(merged.units()).isEqualTo(4);
        assertThat(merged.mergedWith(smaller)).isEqualTo(merged);
    }
}
