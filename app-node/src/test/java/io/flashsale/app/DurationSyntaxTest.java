package io.flashsale.app;

import io.flashsale.config.Durations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A duration setting means the same on members ({@link Durations}) as on app nodes (Spring Boot's binding). */
class DurationSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT15M", "pt15m", "P1D", "PT0.5S", "-PT1S", "15m", "90s", "500ms", "500", "2h", "1d",
            "10us", "7ns", "+3s", "15M", "0"})
    void membersReadWhatAppNodesRead(String text) {
        assertThat(Durations.parse(text)).isEqualTo(DurationStyle.detectAndParse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15 minutes", "15min", "1.5s", "m", "", "PT", "15x"})
    void membersRefuseWhatAppNodesRefuse(String text) {
        assertThatThrownBy(() -> DurationStyle.detectAndParse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
