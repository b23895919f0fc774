package io.flashsale.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code /error}, where the servlet container sends the errors it answers itself (TRACE, {@code /WEB-INF/...}, a
 * failure outside Spring MVC): a problem document whatever the request accepts, instead of Boot's error body or its
 * whitelabel HTML page. Asked for directly, it is a path like any unknown one: 404.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer forwarded && forwarded >= 400 ? forwarded : 404;
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ProblemNames.send(response, status, code == null
                ? "no such resource" : "the request was refused: " + ProblemNames.title(status));
    }
}
