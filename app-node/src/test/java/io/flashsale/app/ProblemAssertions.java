package io.flashsale.app;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** What every refusal of the contract looks like: its status and an RFC 9457 problem of type {@code name}. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void problem(RestTestClient.ResponseSpec response, int status, String name) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(WebRulesTest.PROBLEM + name)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isNotEmpty();
    }
}
