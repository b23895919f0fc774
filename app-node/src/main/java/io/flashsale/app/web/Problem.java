package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the API answers with an RFC 9457 problem of type {@code urn:flashsale:problem:<name>}. Subclasses are
 * named as facts ({@code SoldOut}, {@code SaleNotFound}); {@link ProblemResponses} turns them into responses.
 */
public abstract class Problem extends RuntimeException {

    /** Request attribute naming the problem type a request was answered with (read by the metrics). */
    public static final String REQUEST_ATTRIBUTE = "flashsale.problem";

    private final HttpStatus status;
    private final String name;
    private final String title;

    protected Problem(HttpStatus status, String name, String title, String detail) {
        this(status, name, title, detail, null);
    }

    protected Problem(HttpStatus status, String name, String title, String detail, Throwable cause) {
        super(detail, cause, false, cause != null);
        this.status = status;
        this.name = name;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** What a client sent, quoted and cut to a short prefix: a problem never repeats a client's input at length. */
    public static String quoted(String input) {
        return "'" + (input.length() > 64 ? input.substring(0, 64) + "..." : input) + "'";
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }
}
