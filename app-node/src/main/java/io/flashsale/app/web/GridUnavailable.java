package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** The grid (or the database behind it) could not do what was asked in time; the client may retry. */
public final class GridUnavailable extends Problem {

    private final long retryAfterSeconds;

    public GridUnavailable(String detail, Throwable cause) {
        this(detail, cause, 1);
    }

    public GridUnavailable(String detail, Throwable cause, long retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
