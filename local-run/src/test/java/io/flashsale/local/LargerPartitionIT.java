package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static io.flashsale.local.PartitionedCluster.secondsUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smaller side of two: five members ({@link PartitionedCluster}) with {@code FLASHSALE_MIN_MEMBERS=3} and
 * {@code FLASHSALE_BACKUP_COUNT=2}, members 4 and 5 cut off from 1, 2 and 3 for 30 s mid-sale, then healed. With
 * three replicas per partition the pair never holds one whole, so it cannot acknowledge a purchase (one backup is
 * always across the cut) and the larger side always has a copy: nothing oversold or lost, as with a side of one
 * (docs/LIMITS.md, split-brain limits). {@code -Dpartition.backups=1} runs the same with one backup, the setting a member
 * warns about.
 */
class LargerPartitionIT {

    private static final String BACKUPS = System.getProperty("partition.backups", "2");

    private static PartitionedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = PartitionedCluster.start(5, Map.of("FLASHSALE_MIN_MEMBERS", "3", "FLASHSALE_BACKUP_COUNT", BACKUPS),
                Path.of("target", "partition-of-five"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCutOffPairSellsNothingAndTheSidesMergeWithNothingLostOrSoldTwice() {
        SaleWithAFault.Outcome outcome = SaleWithAFault.run(cluster.first, cluster.second, cluster.database,
                "pair", "LargerPartitionIT members 4 and 5 cut off for 30 s, " + BACKUPS + " backups",
                () -> {
                    long cut = System.nanoTime();
                    LocalTime cutAt = LocalTime.now();
                    cluster.cut(Set.of(4, 5), true);
                    double dropped = secondsUntil(cut, () -> cluster.health(1).number("members") == 3);
                    double apart = secondsUntil(cut, () -> cluster.health(4).number("members") == 2
                            && cluster.health(5).number("members") == 2);
                    assertThat(cluster.health(4).text("writes")).isEqualTo("REFUSED");
                    assertThat(cluster.health(5).text("writes")).isEqualTo("REFUSED");
                    LockSupport.parkNanos(Duration.ofSeconds(30).toNanos() - (System.nanoTime() - cut));
                    long healed = System.nanoTime();
                    cluster.cut(Set.of(4, 5), false);
                    double merged = secondsUntil(healed, () -> cluster.health(1).number("members") == 5
                            && cluster.health(4).number("members") == 5
                            && "ACCEPTED".equals(cluster.health(4).text("writes"))
                            && "ACCEPTED".equals(cluster.health(5).text("writes")));
                    double refused4 = Duration.between(cutAt, cluster.firstLogLine(4, "REFUSED here")).toMillis()
                            / 1e3;
                    double refused5 = Duration.between(cutAt, cluster.firstLogLine(5, "REFUSED here")).toMillis()
                            / 1e3;
                    System.out.printf("LargerPartitionIT (%s backups): members 4 and 5 refused writes %.1f and %.1f"
                                    + " s after the cut; members 1 to 3 dropped them after %.1f s, they saw only"
                                    + " each other after %.1f s; merged %.1f s after the heal%n", BACKUPS,
                            refused4, refused5, dropped, apart, merged);
                });
        outcome.assertNothingOversoldOrLost();
    }
}
