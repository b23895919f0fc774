package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that reach the app node's every layer (Tomcat, Spring MVC, the actuator) other than through the API's
 * happy paths: each is answered with a problem document of a 4xx (or the 501/505 HTTP asks for), never Boot's or
 * Tomcat's own pages, never a stack trace or a library's name.
 */
class HttpEdgeIT {

    private static TestSystem sut;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("http-edge", 1);
        sut.api.createSale("edge", "edge-product", 10, 1, 2);
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    static Stream<Arguments> requests() {
        String admin = "Authorization: Bearer " + TestSystem.TOKEN + "\r\n";
        return Stream.of(
                Arguments.of("GET /error", "GET /error HTTP/1.1\r\n", 404, null),
                Arguments.of("an unknown path asked for as HTML",
                        "GET /nothing-here HTTP/1.1\r\nAccept: text/html\r\n", 404, null),
                Arguments.of("TRACE", "TRACE / HTTP/1.1\r\n", 405, null),
                Arguments.of("TRACE asked for as HTML", "TRACE /api/sales/edge HTTP/1.1\r\nAccept: text/html\r\n",
                        405, null),
                Arguments.of("/WEB-INF/web.xml", "GET /WEB-INF/web.xml HTTP/1.1\r\n", 404, null),
                Arguments.of("/META-INF/MANIFEST.MF", "GET /META-INF/MANIFEST.MF HTTP/1.1\r\n", 404, null),
                Arguments.of("an unknown metric", "GET /actuator/metrics/unknown HTTP/1.1\r\n", 404, null),
                Arguments.of("an unknown transfer coding", "POST /api/sales/edge/purchases HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n", 501, null),
                Arguments.of("HTTP/9.9", "GET /api/sales/edge HTTP/9.9\r\n", 505, null),
                Arguments.of("two Authorization headers", "GET /api/admin/sales/edge/audit HTTP/1.1\r\n" + admin
                        + admin, 400, "invalid-request"),
                Arguments.of("a purchase without a token", "POST /api/sales/edge/purchases HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"quantity\":1}", 401,
                        "unauthorized"),
                Arguments.of("a buyer token on the admin API", "GET /api/admin/sales/edge/audit HTTP/1.1\r\n"
                        + "Authorization: " + sut.api.as("edgy")[1] + "\r\n", 401, "unauthorized"),
                // Paths that would slip past a prefix test of the security chain are refused before it.
                Arguments.of("a dot segment before the admin API", "POST /api/./admin/flush HTTP/1.1\r\n", 400, null),
                Arguments.of("a double slash before the admin API", "POST //api/admin/flush HTTP/1.1\r\n", 400, null),
                Arguments.of("a path parameter in the admin API", "POST /api/admin;x=1/flush HTTP/1.1\r\n", 400, null),
                Arguments.of("an encoded slash in the orders path", "GET /api%2forders/x HTTP/1.1\r\n", 400, null),
                Arguments.of("a lower-case bearer scheme", "GET /api/admin/sales/edge/audit HTTP/1.1\r\n"
                        + "Authorization: bearer " + TestSystem.TOKEN + "\r\n", 200, null),
                Arguments.of("a cart PUT with curl's default form type",
                        "PUT /api/users/formy/cart/items/edge-product HTTP/1.1\r\n"
                                + "Authorization: " + sut.api.as("formy")[1] + "\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\n"
                                + "{\"quantity\":2}", 200, null),
                Arguments.of("a product PUT with curl's default form type",
                        "PUT /api/admin/products/formy HTTP/1.1\r\n" + admin
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 49\r\n\r\n"
                                + "{\"name\":\"Formy\",\"description\":\"d\",\"price\":\"1.00\"}", 200, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void isAnsweredWithAProblemOfTheRightStatus(String name, String request, int status, String problem)
            throws IOException {
        String full = request.contains("\r\n\r\n") ? request.replaceFirst("\r\n", "\r\nHost: app\r\nConnection: close\r\n")
                : request + "Host: app\r\nConnection: close\r\n\r\n";
        String answer = Api.raw(sut.api.base(), full);
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).as("%s: %s", name, answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(body).as(name).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                .doesNotContain("java.").doesNotContainIgnoringCase("springframework").doesNotContain("Whitelabel")
                .doesNotContainIgnoringCase("tomcat").doesNotContain("\"trace\"");
        if (status >= 400) {
            assertThat(head.toLowerCase()).as(name).contains("content-type: application/problem+json");
            assertThat(body).as(name).contains("\"type\":\"urn:flashsale:problem:").contains("\"title\":")
                    .contains("\"status\":" + status).contains("\"detail\":")
                    .doesNotContain("urn:flashsale:problem:internal-error");
        }
        if (problem != null) {
            assertThat(body).contains("urn:flashsale:problem:" + problem);
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsSent() throws IOException {
        URI uri = URI.create(sut.api.base());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /api/sales/edge/purchases HTTP/1.1\r\nHost: app\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"userId\":\"huge\"")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ");
            assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
        }
    }

    /** What the server sent until it paused, closed, or sent a blank line and a body. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
                if (read.toString(StandardCharsets.US_ASCII).contains("}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing more within the timeout
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
