package io.flashsale.app.web;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Every error as {@code application/problem+json} with a {@code urn:flashsale:problem:<name>} type: our own
 * {@link Problem}s, Spring MVC's (malformed requests, unknown paths, wrong methods) and grid failures.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final int MAX_INSTANCE = 100;

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
        request.setAttribute(Problem.REQUEST_ATTRIBUTE, problem.name());
        if (problem.status().is5xxServerError()) {
            log.warn("{}: {}", problem.name(), problem.getMessage(), problem.getCause());
        }
        ResponseEntity<ProblemDetail> response = respond(problem.type(), problem.getMessage(),
                problem.retryAfterSeconds());
        response.getBody().setInstance(instanceOf(request));
        return response;
    }

    /** The grid failed in a way the service did not turn into a problem itself: the client may retry. */
    @ExceptionHandler({HazelcastException.class, HazelcastClientOfflineException.class})
    ResponseEntity<ProblemDetail> grid(RuntimeException e, HttpServletRequest request) {
        // The cause is logged, not answered: its message names classes of the grid.
        return problem(new GridUnavailable("the grid could not answer; try again shortly", e), request);
    }

    /** Spring's own errors (400 on unreadable input, 404, 405, 415, ...) get our types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        ProblemType type = ProblemType.ofStatus(status.value());
        request.setAttribute(Problem.REQUEST_ATTRIBUTE, type.typeName(), RequestAttributes.SCOPE_REQUEST);
        ProblemDetail detail = body instanceof ProblemDetail pd ? pd : ProblemDetail.forStatus(status);
        detail.setType(URI.create(type.uri()));
        detail.setTitle(type.title());
        if (detail.getDetail() == null) {
            // Not the exception's message: it may name classes and repeat the client's input.
            detail.setDetail("the request was refused: " + ProblemNames.title(status.value()));
        }
        if (request instanceof ServletWebRequest servlet) {
            detail.setInstance(instanceOf(servlet.getRequest()));
        }
        return new ResponseEntity<>(detail, headers, status);
    }

    /** The request's path, cut short: a problem repeats no more than a prefix of what a client sent. */
    private static @Nullable URI instanceOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        String shortened = path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) + "..." : path;
        try {
            return new URI(null, null, shortened, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, long retryAfterSeconds) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(URI.create(type.uri()));
        body.setTitle(type.title());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(type.status());
        if (retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return response.body(body);
    }
}
