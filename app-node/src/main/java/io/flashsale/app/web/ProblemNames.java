package io.flashsale.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Problem documents for the layers that answer with a status only (Tomcat's, the servlet filters', the actuator's):
 * their type and title come from {@link ProblemType#ofStatus}, as Spring's own errors' do in {@link ProblemResponses},
 * so a client sees one vocabulary whatever answered.
 */
public final class ProblemNames {

    private ProblemNames() {
    }

    /** The problem name of a status without a problem of its own. */
    public static String of(int status) {
        return ProblemType.ofStatus(status).typeName();
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
        ProblemType type = ProblemType.ofStatus(status);
        return ("{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
