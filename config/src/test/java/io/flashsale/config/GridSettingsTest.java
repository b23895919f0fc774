package io.flashsale.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridSettingsTest {

    @Test
    void threeMembersWithAMajorityAndOneBackupLeaveNoSplitBrainRisk() {
        assertThat(settings(3, "2", "1").splitBrainRisks()).isEmpty();
    }

    @Test
    void fiveMembersNeedTwoBackupsSoThatACutOffPairHoldsNoPartitionWhole() {
        List<String> risks = settings(5, "3", "1").splitBrainRisks();
        assertThat(risks).singleElement().asString().contains("FLASHSALE_BACKUP_COUNT to at least 2");
        assertThat(settings(5, "3", "2").splitBrainRisks()).isEmpty();
    }

    @Test
    void aMinimumBelowAMajorityOrNoneIsARisk() {
        assertThat(settings(4, "2", "3").splitBrainRisks()).singleElement().asString().contains("not a majority");
        assertThat(settings(3, "1", "1").splitBrainRisks()).singleElement().asString()
                .contains("FLASHSALE_MIN_MEMBERS is not set");
        assertThat(settings(2, "1", "1").splitBrainRisks()).as("two members have no majority to keep").isEmpty();
    }

    @Test
    void durationsAreReadInEitherOfTheAppNodesStyles() {
        assertThat(GridSettings.fromEnvironment(Map.of("FLASHSALE_PAYMENT_WINDOW", "15m")).paymentWindow())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(GridSettings.fromEnvironment(Map.of("FLASHSALE_PAYMENT_WINDOW", "PT15M")).paymentWindow())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(GridSettings.fromEnvironment(Map.of("FLASHSALE_HELD_UNITS_QUIET", "90s")).heldUnitsQuiet())
                .isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> GridSettings.fromEnvironment(Map.of("FLASHSALE_PAYMENT_WINDOW", "15 minutes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLASHSALE_PAYMENT_WINDOW");
    }

    @Test
    void theBackupCountIsReadAndBounded() {
        assertThat(settings(3, "2", "2").backupCount()).isEqualTo(2);
        assertThat(GridSettings.fromEnvironment(Map.of()).backupCount()).isEqualTo(1);
        assertThatThrownBy(() -> settings(3, "2", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(3, "2", "7"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static GridSettings settings(int members, String minMembers, String backups) {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < members; i++) {
            addresses.append(i == 0 ? "" : ",").append("10.0.0.").append(i + 1).append(":5701");
        }
        return GridSettings.fromEnvironment(Map.of("FLASHSALE_MEMBERS", addresses.toString(),
                "FLASHSALE_MIN_MEMBERS", minMembers, "FLASHSALE_BACKUP_COUNT", backups));
    }
}
