package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that send a request's headers and then trickle its body (or stop) hold no request thread: the node goes
 * on answering others, and a body not complete within its deadline is answered 408.
 */
class SlowClientsIT {

    private static TestSystem sut;

    @BeforeAll
    static void start() {
        Map<String, Object> appNode = new HashMap<>(TestSystem.NO_TRAFFIC_LIMITS);
        appNode.put("flashsale.body-read-timeout", "PT3S");
        sut = TestSystem.start("slow-clients", 1, appNode);
        sut.api.createSale("slow", "slow-product", 10, 1, 2);
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void trickledBodiesStallNobodyElseAndRunOutOfTime() throws Exception {
        URI uri = URI.create(sut.api.base());
        List<Socket> slow = new ArrayList<>();
        String trickler = sut.api.as("trickler")[1];
        try {
            for (int i = 0; i < 250; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
                socket.getOutputStream().write(("POST /api/sales/slow/purchases HTTP/1.1\r\nHost: app\r\n"
                        + "Authorization: " + trickler + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Thread.sleep(500);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long started = System.nanoTime();
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(sut.api.base()
                    + "/api/sales/slow")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Api.Response purchase = sut.api.purchase("slow", "patient", 1, null);
            System.out.printf("SlowClientsIT: behind 250 trickling bodies, a sale read answered %d and a purchase %d"
                    + " within %d ms%n", other.statusCode(), purchase.status(), (System.nanoTime() - started) / 1_000_000);
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(purchase.status()).isEqualTo(201);

            Socket first = slow.get(0);
            first.setSoTimeout(10_000);
            String answer = readSome(first.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("urn:flashsale:problem:request-timeout");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        sut.api.flush();
        assertThat(sut.api.audit("slow").number("sold")).as("only the patient buyer's unit").isEqualTo(1);
    }

    private static String readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        StringBuilder read = new StringBuilder();
        for (int n; !read.toString().contains("}") && (n = in.read(buffer)) > 0; ) {
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return read.toString();
    }
}
