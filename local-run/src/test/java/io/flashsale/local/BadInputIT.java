package io.flashsale.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed purchase requests fired many times over while a sale runs: each is answered as API.md
 * says (400 {@code invalid-request}, 404, 422), none with a 5xx, and the stock and the orders table move by the
 * valid purchases only. Concurrent requests with one Idempotency-Key make one order.
 */
class BadInputIT {

    private static final String SALE = "target";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("bad-input", 2);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    /** A request of the corpus and the answer API.md gives it. */
    record Case(String name, String path, String contentType, String body, String key, int status, String problem) {
    }

    static List<Case> corpus() {
        String purchases = "/api/sales/" + SALE + "/purchases";
        List<Case> cases = new ArrayList<>();
        for (String quantity : List.of("-1", "0", "3", "99999999999", "1e3", "1.5", "\"1\"", "null", "[1]", "{}")) {
            cases.add(new Case("quantity " + quantity, purchases, "application/json",
                    "{\"userId\":\"q-user\",\"quantity\":" + quantity + "}", null, 400, "invalid-request"));
        }
        for (String user : List.of("\"a b\"", "\"ü-user\"", "\"<script>\"", "\"" + "u".repeat(65) + "\"", "\"\"",
                "42", "null", "\"../../etc\"")) {
            cases.add(new Case("userId " + user, purchases, "application/json",
                    "{\"userId\":" + user + ",\"quantity\":1}", null, 400, "invalid-request"));
        }
        for (String body : List.of("{", "[]", "", "null", "\"text\"", "{\"userId\":\"u\"}",
                "{\"userId\":\"dup-a\",\"userId\":\"dup-b\",\"quantity\":1}",
                "{\"userId\":\"dup\",\"quantity\":1,\"quantity\":2}")) {
            cases.add(new Case("body " + (body.length() > 40 ? body.substring(0, 40) + "..." : body), purchases,
                    "application/json", body, null, 400, "invalid-request"));
        }
        cases.add(new Case("a body of 100 KB", purchases, "application/json",
                "{\"userId\":\"big\",\"quantity\":1,\"pad\":\"" + "x".repeat(100_000) + "\"}", null, 413,
                "payload-too-large"));
        cases.add(new Case("text/plain, not JSON", purchases, "text/plain", "hello", null, 400, "invalid-request"));
        cases.add(new Case("XML", purchases, "application/xml", "<purchase/>", null, 400, "invalid-request"));
        cases.add(new Case("key with a space", purchases, "application/json",
                "{\"userId\":\"k-user\",\"quantity\":1}", "a b", 400, "invalid-request"));
        cases.add(new Case("key of 65 characters", purchases, "application/json",
                "{\"userId\":\"k-user\",\"quantity\":1}", "k".repeat(65), 400, "invalid-request"));
        cases.add(new Case("unknown sale", "/api/sales/no-such-sale/purchases", "application/json",
                "{\"userId\":\"u-1\",\"quantity\":1}", null, 404, "sale-not-found"));
        cases.add(new Case("sale id with odd characters", "/api/sales/%3Cscript%3E/purchases", "application/json",
                "{\"userId\":\"u-1\",\"quantity\":1}", null, 404, "sale-not-found"));
        return cases;
    }

    @Test
    void malformedRequestsDuringASaleAreAnsweredPerTheContractAndChangeNothing() throws Exception {
        api.createSale(SALE, "target-product", 2_000, 10, 2);
        List<Ledger.Purchase> valid = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            valid.add(new Ledger.Purchase("buyer-" + i, 1, null));
        }
        Ledger ledger = new Ledger();
        CompletableFuture<Void> sale = CompletableFuture.runAsync(() -> ledger.send(api, SALE, valid, 8));

        List<Case> corpus = corpus();
        int rounds = 30;
        Map<String, String> wrong = new ConcurrentHashMap<>();
        AtomicInteger serverErrors = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (Case c : corpus) {
                    sent.add(senders.submit(() -> {
                        HttpResponse<String> answer = send(c.path(), c.contentType(), c.body(), c.key());
                        if (answer.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                        if (answer.statusCode() != c.status()
                                || !answer.body().contains("urn:flashsale:problem:" + c.problem())) {
                            wrong.put(c.name(), answer.statusCode() + " " + answer.body());
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : sent) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }

        // An Idempotency-Key used again with another body; and one key sent by 20 callers at once.
        int reusedKeys = 50;
        for (int i = 0; i < reusedKeys; i++) {
            assertThat(api.purchase(SALE, "keyed-" + i, 1, "reused-" + i).status()).isEqualTo(201);
            Api.Response other = api.purchase(SALE, "keyed-" + i, 2, "reused-" + i);
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.problemType()).isEqualTo("urn:flashsale:problem:idempotency-key-reused");
        }
        Set<String> sameKeyOrders = ConcurrentHashMap.newKeySet();
        List<Integer> sameKeyStatuses = new ArrayList<>();
        ExecutorService together = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> racing = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                racing.add(together.submit(() -> {
                    go.await();
                    return api.purchase(SALE, "same-key-buyer", 1, "one-key");
                }));
            }
            go.countDown();
            for (Future<Api.Response> answer : racing) {
                Api.Response response = answer.get(1, TimeUnit.MINUTES);
                sameKeyStatuses.add(response.status());
                if (response.status() < 300) {
                    sameKeyOrders.add(response.text("orderId"));
                }
            }
        } finally {
            together.shutdownNow();
        }

        // A 10 MB body: refused with 413 before it is read (the server closes the connection, which the client may
        // see before the answer; that is no 5xx either).
        for (int i = 0; i < 3; i++) {
            try {
                HttpResponse<String> huge = send("/api/sales/" + SALE + "/purchases", "application/json",
                        "{\"userId\":\"huge\",\"quantity\":1,\"pad\":\"" + "x".repeat(10_000_000) + "\"}", null);
                assertThat(huge.statusCode()).isEqualTo(413);
            } catch (IOException closed) {
                // the connection was closed on the rest of the body
            }
        }
        sale.get(5, TimeUnit.MINUTES);

        int badRequests = corpus.size() * rounds;
        System.out.printf("BadInputIT: %d malformed requests (%d kinds) during a sale of %d valid ones: %d answered"
                        + " otherwise than API.md says, %d with 5xx; 20 callers with one key: statuses %s, %d order%n",
                badRequests, corpus.size(), valid.size(), wrong.size(), serverErrors.get(),
                new HashSet<>(sameKeyStatuses),
                sameKeyOrders.size());
        assertThat(wrong).as("answers that differ from API.md").isEmpty();
        assertThat(serverErrors.get()).isZero();
        assertThat(sameKeyOrders).as("one key, one order").hasSize(1);
        assertThat(sameKeyStatuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(sameKeyStatuses).allMatch(status -> status == 201 || status == 200 || status == 503);
        assertThat(ledger.countByStatus().keySet()).containsOnly(201);

        int acceptedUnits = ledger.acceptedUnits() + reusedKeys + 1;
        api.flush();
        Api.Response audit = api.audit(SALE);
        assertThat(audit.number("sold")).as("only the valid purchases took stock").isEqualTo(acceptedUnits);
        assertThat(audit.number("remaining")).isEqualTo(2_000 - acceptedUnits);
        assertThat(audit.number("unitsInDatabase")).isEqualTo(acceptedUnits);
        assertThat(OrdersTable.ofSale(sut.database, SALE)).hasSize(ledger.accepted().size() + reusedKeys + 1);
    }

    private static HttpResponse<String> send(String path, String contentType, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        String[] buyer = api.authorizationFor(path, body);
        request.header(buyer[0], buyer[1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
