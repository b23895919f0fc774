package io.flashsale.purchase;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundRetriesTest {

    @Test
    void aStopFinishesTheWritesStillWaitingInsteadOfDroppingThem() {
        BackgroundRetries retries = new BackgroundRetries();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        retries.later("an order stored again", () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("the grid is still in trouble");
            }
            done.incrementAndGet();
        });
        assertThat(retries.pending()).isEqualTo(1);

        int left = retries.drain(Duration.ofSeconds(5));

        assertThat(left).isZero();
        assertThat(done.get()).isEqualTo(1);
        assertThat(retries.pending()).isZero();
    }

    @Test
    void aWriteThatKeepsFailingIsCountedAsLeftWhenTheBudgetIsSpent() {
        BackgroundRetries retries = new BackgroundRetries();
        retries.later("a claim released", () -> {
            throw new IllegalStateException("down");
        });
        retries.later("an order stored again", () -> { });

        long started = System.nanoTime();
        int left = retries.drain(Duration.ofMillis(1_500));

        assertThat(left).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
}
