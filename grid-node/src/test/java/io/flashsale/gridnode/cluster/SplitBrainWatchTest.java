package io.flashsale.gridnode.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SplitBrainWatchTest {

    @Test
    void aSideAcknowledgesNothingWhenBelowTheMinimumAndNoLargerThanTheBackupCount() {
        assertThat(SplitBrainWatch.acknowledgesNothing(1, 2, 1)).as("one of three").isTrue();
        assertThat(SplitBrainWatch.acknowledgesNothing(2, 3, 2)).as("two of five, two backups").isTrue();
        assertThat(SplitBrainWatch.acknowledgesNothing(2, 3, 1)).as("two of five, one backup").isFalse();
        assertThat(SplitBrainWatch.acknowledgesNothing(1, 1, 1)).as("no protection").isFalse();
    }
}
