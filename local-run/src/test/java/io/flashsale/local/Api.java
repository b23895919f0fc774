package io.flashsale.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A client of the contract's HTTP API, for the tests. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;

    Api(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** A response: status, headers and the body parsed as JSON (or null). */
    record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
        String text(String field) {
            return body.get(field).asString();
        }

        int number(String field) {
            return body.get(field).asInt();
        }

        String problemType() {
            return text("type");
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A GET of a whole URL (a member's health, say). */
    static Response getAbsolute(String url) {
        return new Api(url, null).get("");
    }

    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    Response post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    Response put(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
    }

    Response purchase(String saleId, String userId, int quantity, String idempotencyKey) {
        String body = "{\"userId\":\"" + userId + "\",\"quantity\":" + quantity + "}";
        return idempotencyKey == null ? post("/api/sales/" + saleId + "/purchases", body)
                : post("/api/sales/" + saleId + "/purchases", body, "Idempotency-Key", idempotencyKey);
    }

    String base() {
        return base;
    }

    /** Sends {@code request} as it is over a socket (for requests that java.net.http refuses to build). */
    static String raw(String base, String request) throws IOException {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    String[] admin() {
        return new String[] {"Authorization", "Bearer " + adminToken};
    }

    /** Creates a product and a sale through the admin API, checking both answers. */
    void createSale(String saleId, String productId, int stock, int segments, int perUserLimit) {
        Response product = put("/api/admin/products/" + productId,
                "{\"name\":\"Product " + productId + "\",\"description\":\"d\",\"price\":\"9.99\"}", admin());
        if (product.status() != 200) {
            throw new IllegalStateException("product: " + product);
        }
        Response sale = post("/api/admin/sales", "{\"saleId\":\"" + saleId + "\",\"productId\":\"" + productId
                + "\",\"stock\":" + stock + ",\"segments\":" + segments + ",\"perUserLimit\":" + perUserLimit + "}",
                admin());
        if (sale.status() != 201) {
            throw new IllegalStateException("sale: " + sale);
        }
    }

    Response audit(String saleId) {
        return get("/api/admin/sales/" + saleId + "/audit", admin());
    }

    void flush() {
        Response flushed = post("/api/admin/flush", null, admin());
        if (flushed.status() != 204) {
            throw new IllegalStateException("flush: " + flushed);
        }
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? null
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
