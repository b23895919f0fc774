package io.flashsale.app.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure the API answers with an RFC 9457 problem of type {@code urn:flashsale:problem:<name>}. Subclasses are
 * named as facts ({@code SoldOut}, {@code SaleNotFound}); {@link ProblemResponses} turns them into responses.
 */
public abstract class Problem extends RuntimeException {

    /** Request attribute naming the problem type a request was answered with (read by the metrics). */
    public static final String REQUEST_ATTRIBUTE = "flashsale.problem";

    private final ProblemType type;

    protected Problem(ProblemType type, String detail) {
        this(type, detail, null);
    }

    protected Problem(ProblemType type, String detail, @Nullable Throwable cause) {
        super(detail, cause, false, cause != null);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public HttpStatus status() {
        return type.status();
    }

    public String name() {
        return type.typeName();
    }

    public String title() {
        return type.title();
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
