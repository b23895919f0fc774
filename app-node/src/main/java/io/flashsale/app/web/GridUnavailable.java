package io.flashsale.app.web;


/** The grid (or the database behind it) could not do what was asked in time; the client may retry. */
public final class GridUnavailable extends Problem {

    private final long retryAfterSeconds;

    public GridUnavailable(String detail, Throwable cause) {
        this(detail, cause, 1);
    }

    public GridUnavailable(String detail, Throwable cause, long retryAfterSeconds) {
        super(ProblemType.UNAVAILABLE, detail, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
