package io.flashsale.app.traffic;

import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;

/** A token bucket refused the request: 429 {@code rate-limited}, with the seconds until a token is there. */
final class RateLimited extends Problem {

    private final long retryAfterSeconds;

    RateLimited(String detail, long nanosToWait) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
