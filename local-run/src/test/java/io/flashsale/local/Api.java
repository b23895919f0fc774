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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the contract's HTTP API, for the tests. A call that sets no {@code Authorization} of its own gets the
 * one its caller would have: a purchase, the token of the buyer its body names; a cart, its buyer's; an order, its
 * buyer's when this client saw it bought, else the admin token; a payment, the admin token (the payment service).
 * Buyer tokens are minted by the node ({@code POST /api/admin/tokens}) once per buyer.
 */
final class Api {

    /** The buyer of a purchase whose body names none, or names one that is not a valid id. */
    static final String DEFAULT_BUYER = "test-buyer";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@|:-]{1,64}");
    private static final Pattern CART_PATH = Pattern.compile("^/api/users/([^/?]+)/cart.*");
    private static final Pattern ORDER_PATH = Pattern.compile("^/api/orders/([^/?]+)(/cancel)?$");
    private static final Pattern PURCHASE_PATH = Pattern.compile("^/api/sales/[^/]+/purchases$");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> buyerOfOrder = new ConcurrentHashMap<>();

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
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), authorized(path, null, headers));
    }

    Response post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), authorized(path, json, headers));
    }

    Response put(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), authorized(path, json, headers));
    }

    Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), authorized(path, null, headers));
    }

    /** {@code Authorization: Bearer <token>} of {@code userId}, minted by the node the first time. */
    String[] as(String userId) {
        return new String[] {"Authorization", "Bearer " + tokenOf(userId)};
    }

    /** A buyer token of {@code userId} from {@code POST /api/admin/tokens}. */
    String tokenOf(String userId) {
        return tokens.computeIfAbsent(userId, user -> {
            Response minted = send(HttpRequest.newBuilder(URI.create(base + "/api/admin/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\",\"ttl\":\"PT12H\"}"))
                    .header("Content-Type", "application/json"), admin());
            if (minted.status() != 200) {
                throw new IllegalStateException("token of " + user + ": " + minted);
            }
            return minted.text("token");
        });
    }

    /** The headers given, with the Authorization the call's caller would send when they have none. */
    private String[] authorized(String path, String body, String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return headers;
            }
        }
        String[] authorization = authorizationFor(path, body);
        if (authorization == null) {
            return headers;
        }
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = authorization[0];
        all[headers.length + 1] = authorization[1];
        return all;
    }

    /** The Authorization a call to {@code path} with {@code body} gets when it sets none (see the class). */
    String[] authorizationFor(String path, String body) {
        Matcher cart = CART_PATH.matcher(path);
        if (cart.matches()) {
            String user = URLDecoder.decode(cart.group(1), StandardCharsets.UTF_8);
            return USER_ID.matcher(user).matches() ? as(user) : as(DEFAULT_BUYER);
        }
        if (PURCHASE_PATH.matcher(path).matches()) {
            return as(buyerNamedIn(body));
        }
        if (path.startsWith("/api/orders/") && path.endsWith("/payment")) {
            return admin();
        }
        Matcher order = ORDER_PATH.matcher(path);
        if (order.matches()) {
            String buyer = buyerOfOrder.get(order.group(1));
            return buyer != null ? as(buyer) : admin();
        }
        return null;
    }

    private static String buyerNamedIn(String body) {
        try {
            JsonNode userId = body == null ? null : JSON.readTree(body).get("userId");
            return userId != null && userId.isString() && USER_ID.matcher(userId.asString()).matches()
                    ? userId.asString() : DEFAULT_BUYER;
        } catch (RuntimeException e) {
            return DEFAULT_BUYER; // not JSON: the test is about the body, whoever sends it
        }
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
            if (body != null && body.has("orderId") && body.has("userId")) {
                buyerOfOrder.put(body.get("orderId").asString(), body.get("userId").asString());
            }
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
