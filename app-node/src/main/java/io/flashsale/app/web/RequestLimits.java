package io.flashsale.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Collections;

/**
 * What every request passes first: two {@code Authorization} headers are 400 (which one counts is anybody's guess,
 * and a proxy may read the other). The actuator's own error answers, which have no body (an unknown metric's 404),
 * get a problem document. The body's limits are {@link BufferedBodies}'.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLimits extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Collections.list(request.getHeaders("Authorization")).size() > 1) {
            ProblemNames.send(response, 400, "more than one Authorization header");
            return;
        }
        if (!request.getRequestURI().startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper actuator = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, actuator);
        if (actuator.getStatus() >= 400 && actuator.getContentSize() == 0 && !actuator.isCommitted()) {
            ProblemNames.send(actuator, actuator.getStatus(),
                    "the request was refused: " + ProblemNames.title(actuator.getStatus()));
        }
        actuator.copyBodyToResponse();
    }
}
