package io.flashsale.app.monitor;

import io.flashsale.app.WebRulesTest;
import org.junit.jupiter.api.Test;

/** What an operator asks a node before anything else: which build it runs. */
class ActuatorRulesTest extends WebRulesTest {

    @Test
    void infoNamesTheBuild() {
        http.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.build.artifact").isEqualTo("app-node")
                .jsonPath("$.build.version").isNotEmpty();
    }
}
