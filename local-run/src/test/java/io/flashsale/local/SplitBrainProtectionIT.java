package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.gridnode.GridMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Split-brain protection: members that see fewer than {@code FLASHSALE_MIN_MEMBERS} members refuse writes to stock,
 * orders and claims, so purchases get 503 while reads go on, and take purchases again once enough members are in
 * sight. Played here with four members and a minimum of four, one of which leaves (the view of a minority side,
 * without the seconds a real partition takes to be noticed); a new member joining is the partition healing.
 */
class SplitBrainProtectionIT {

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("quorum", 4, TestSystem.NO_TRAFFIC_LIMITS, Map.of("FLASHSALE_MIN_MEMBERS", "4"));
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        if (sut != null) {
            sut.close();
        }
    }

    @Test
    void tooFewMembersRefusePurchasesAndTakeThemAgainWhenEnoughAreInSight() throws IOException {
        api.createSale("quorum", "quorum-product", 1_000, 10, 1);
        assertThat(api.purchase("quorum", "with-four", 1, null).status()).isEqualTo(201);
        sut.system.members().get(3).close();
        long left = System.nanoTime();
        int[] buyer = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.purchase("quorum", "during-" + buyer[0]++, 1, null).status() == 503);
        int takenMeanwhile = buyer[0] - 1; // while the leaving member's partitions migrated
        System.out.printf("SplitBrainProtectionIT: purchases refused %d ms after a member left, %d taken before%n",
                (System.nanoTime() - left) / 1_000_000, takenMeanwhile);
        for (int i = 0; i < 20; i++) {
            Api.Response refused = api.purchase("quorum", "refused-" + i, 1, null);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.problemType()).isEqualTo("urn:flashsale:problem:unavailable");
        }
        assertThat(api.get("/api/products/quorum-product").status()).as("reads go on").isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(api.get("/api/sales/quorum")
                .number("remaining")).as("nothing taken while refused").isEqualTo(999 - takenMeanwhile));

        int port = LocalPorts.free(1)[0];
        sut.system.members().add(GridMember.start(sut.system.settings().withPort(port), sut.database));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                api.purchase("quorum", "again-" + buyer[0]++, 1, null).status() == 201);
        api.flush();
        Api.Response audit = api.audit("quorum");
        assertThat(audit.number("sold")).isEqualTo(2 + takenMeanwhile);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(2 + takenMeanwhile);
    }
}
