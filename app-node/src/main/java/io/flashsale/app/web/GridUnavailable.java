package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** The grid (or the database behind it) could not do what was asked in time; the client may retry. */
public final class GridUnavailable extends Problem {

    public GridUnavailable(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail, cause);
    }

    @Override
    public long retryAfterSeconds() {
        return 1;
    }
}
