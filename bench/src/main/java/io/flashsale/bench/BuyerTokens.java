package io.flashsale.bench;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Buyer tokens for load, minted by the app node ({@code POST /api/admin/tokens}, the admin token) before anything
 * is measured. As a program it writes {@code userId<TAB>token} lines for wrk's script (bench/wrk/buy.lua):
 * <pre>java -cp 'bench/target/bench.jar:bench/target/lib/*' io.flashsale.bench.BuyerTokens --url http://127.0.0.1:8093
 *     --token t --users 60000 --out /tmp/tokens.tsv</pre>
 */
final class BuyerTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int IN_FLIGHT = 32;

    private BuyerTokens() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Options.parse(args);
        int users = Integer.parseInt(o.getOrDefault("users", "60000"));
        String prefix = o.getOrDefault("prefix", "buyer-");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        List<String> tokens = mint(http, o.getOrDefault("url", "http://127.0.0.1:8080"), o.get("token"), prefix, users);
        List<String> lines = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            lines.add(prefix + i + "\t" + tokens.get(i));
        }
        Files.write(Path.of(o.getOrDefault("out", "bench/target/tokens.tsv")), lines, StandardCharsets.US_ASCII);
        System.out.printf("%d buyer tokens minted in %.1f s%n", users, (System.nanoTime() - started) / 1e9);
    }

    /** Tokens of {@code prefix0..prefix(users-1)}, valid for 12 hours, in that order. */
    static List<String> mint(HttpClient http, String url, String adminToken, String prefix, int users)
            throws InterruptedException {
        if (adminToken == null) {
            throw new IllegalArgumentException("--token <admin token of the app node> is required");
        }
        String[] tokens = new String[users];
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            int user = i;
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/admin/tokens"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + prefix + user
                            + "\",\"ttl\":\"PT12H\"}")).build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
                inFlight.release();
                if (e == null && response.statusCode() == 200) {
                    tokens[user] = JSON.readTree(response.body()).get("token").asString();
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        for (int i = 0; i < users; i++) {
            if (tokens[i] == null) {
                throw new UncheckedIOException(new IOException("no token minted for " + prefix + i));
            }
        }
        return List.of(tokens);
    }
}
