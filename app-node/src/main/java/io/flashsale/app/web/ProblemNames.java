package io.flashsale.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The problem type and title of an error that only has a status (Tomcat's, Spring's, the actuator's), one table
 * for every layer, so a client sees one vocabulary whatever answered.
 */
public final class ProblemNames {

    static final String TYPE_PREFIX = "urn:flashsale:problem:";

    private ProblemNames() {
    }

    /** The problem name of a status without a problem of its own. */
    public static String of(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 411 -> "length-required";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 417 -> "expectation-failed";
            case 431 -> "headers-too-large";
            case 501 -> "not-implemented";
            case 503 -> "unavailable";
            case 505 -> "http-version-not-supported";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }

    /** The status's reason phrase, e.g. "Not Found". */
    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    /**
     * Answers {@code status} with a problem document, for the layers outside Spring MVC's exception handling
     * (servlet filters, the error page); {@code detail} must be free of the client's input.
     */
    public static void send(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(document(status, detail));
    }

    /** A problem document for {@code status}, as bytes; {@code detail} must be free of the client's input. */
    static byte[] document(int status, String detail) {
        return ("{\"type\":\"" + TYPE_PREFIX + of(status) + "\",\"title\":\"" + title(status) + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
