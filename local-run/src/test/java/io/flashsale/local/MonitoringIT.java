package io.flashsale.local;

import io.flashsale.gridnode.GridMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators watch, checked during real sales: the app node's Prometheus meters add up to the requests sent,
 * the members serve health and metrics, and the dashboard at {@code /} moves in a real headless Chromium.
 */
class MonitoringIT {

    private static final String ACCEPTED = "flashsale_purchases_total{outcome=\"accepted\"}";
    private static final String P99 = "flashsale_purchase_latency_seconds{percentile=\"0.99\"}";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("monitor", 2);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void outcomeCountersAddUpToTheRequestsSentAndP99IsThere() throws Exception {
        api.createSale("watched", "watched-product", 2_000, 10, 2);
        String metrics = api.base() + "/actuator/prometheus";
        Prometheus before = Prometheus.scrape(metrics);
        List<Ledger.Purchase> plan = plan(6_000, 2_500, 7);

        Ledger ledger = new Ledger();
        CompletableFuture<Void> sale = CompletableFuture.runAsync(() -> ledger.send(api, "watched", plan, 32));
        Prometheus during = null;
        while (!sale.isDone() && during == null) {
            Prometheus scrape = Prometheus.scrape(metrics);
            double counted = scrape.sum("flashsale_purchases_total") - before.sum("flashsale_purchases_total");
            if (counted >= 500 && counted < plan.size()) {
                during = scrape;
            }
            Thread.sleep(50);
        }
        sale.get(5, TimeUnit.MINUTES);
        assertThat(during).as("a scrape while the sale ran").isNotNull();
        assertThat(during.value(P99)).as("p99 while the sale ran").isPositive();
        assertThat(during.count("flashsale_purchase_seconds_bucket")).isGreaterThan(10);

        int invalid = 40;
        int unknownSale = 30;
        for (int i = 0; i < invalid; i++) {
            assertThat(api.purchase("watched", "bad-" + i, 0, null).status()).isEqualTo(400);
        }
        for (int i = 0; i < unknownSale; i++) {
            assertThat(api.purchase("no-such-sale", "lost-" + i, 1, null).status()).isEqualTo(404);
        }
        Prometheus after = Prometheus.scrape(metrics);

        Map<String, Long> problems = ledger.countByProblem();
        Map<String, Double> counted = new LinkedHashMap<>();
        for (String outcome : List.of("accepted", "sold_out", "purchase_limit", "invalid", "not_found",
                "rate_limited", "unavailable")) {
            String series = "flashsale_purchases_total{outcome=\"" + outcome + "\"}";
            counted.put(outcome, after.value(series) - before.value(series));
        }
        int sent = plan.size() + invalid + unknownSale;
        assertThat(after.sum("flashsale_purchases_total") - before.sum("flashsale_purchases_total"))
                .as("every request counted once").isEqualTo((double) sent);
        assertThat(after.value("flashsale_purchase_seconds_count") - before.value("flashsale_purchase_seconds_count"))
                .as("every request timed once").isEqualTo((double) sent);
        assertThat(counted.get("accepted")).isEqualTo((double) ledger.accepted().size());
        assertThat(counted.get("sold_out"))
                .isEqualTo((double) problems.getOrDefault("urn:flashsale:problem:sold-out", 0L));
        assertThat(counted.get("purchase_limit"))
                .isEqualTo((double) problems.getOrDefault("urn:flashsale:problem:purchase-limit", 0L));
        assertThat(counted.get("sold_out")).isPositive();
        assertThat(counted.get("purchase_limit")).isPositive();
        assertThat(counted.get("invalid")).isEqualTo((double) invalid);
        assertThat(counted.get("not_found")).isEqualTo((double) unknownSale);
        assertThat(after.value(P99)).isPositive();
        assertThat(after.value("flashsale_grid_call_seconds_count{operation=\"reserving_stock\"}")).isPositive();
        assertThat(after.value("flashsale_nearcache_hits_total{map=\"sales\"}")).isPositive();
        assertThat(after.value("flashsale_grid_members")).isEqualTo(2.0);
        assertThat(after.count("flashsale_persistence_pending")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Prometheus.scrape(metrics)
                .value("flashsale_sale_remaining{sale=\"watched\"}")).isZero());

        System.out.printf("MonitoringIT: %d requests sent, counted by outcome %s; mid-sale scrape: %.0f accepted, "
                        + "p99 %.1f ms; after: p99 %.1f ms, near-cache hits (sales) %.0f%n", sent, counted,
                during.value(ACCEPTED) - before.value(ACCEPTED), during.value(P99) * 1000, after.value(P99) * 1000,
                after.value("flashsale_nearcache_hits_total{map=\"sales\"}"));
    }

    @Test
    void membersServeHealthAndMetrics() throws Exception {
        GridMember member = sut.system.members().get(0);
        int port = member.serveHttp("127.0.0.1", 0);

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"members\":2", "\"database\":\"UP\"");

        Prometheus metrics = Prometheus.scrape("http://127.0.0.1:" + port + "/metrics");
        assertThat(metrics.count("hikaricp_connections")).as("the member's pool").isPositive();
        assertThat(metrics.value("flashsale_member_cluster_size")).isEqualTo(2.0);
        assertThat(metrics.value("flashsale_member_map_pending{map=\"orders\"}")).isNotNull();
        assertThat(metrics.count("jvm_memory_used_bytes")).isPositive();
    }

    /** Both expositions as Prometheus reads them: they parse, and promtool faults none of our meters. */
    @Test
    void appNodeAndMemberMetricsPassPromtool() throws Exception {
        Promtool.requireOrSkip();
        int port = sut.system.members().get(0).serveHttp("127.0.0.1", 0);
        for (String url : List.of(api.base() + "/actuator/prometheus", "http://127.0.0.1:" + port + "/metrics")) {
            String exposition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Promtool.Result check = Promtool.run(Path.of("."), exposition, "check", "metrics");
            // 1 is a parse error; 3 only lint findings, which Spring's and Micrometer's own meters have (no help
            // text on some, "ms" in a name): ours must have none.
            assertThat(check.exit()).as(url + " parses: " + check.output()).isIn(0, 3);
            assertThat(check.output().lines().filter(line -> line.startsWith("flashsale_")))
                    .as(url + ": lint findings on flashsale's metrics").isEmpty();
        }
    }

    /**
     * Loads {@code /} in headless Chromium while 20,000 purchase requests run and checks that its figures move:
     * accepted orders go up, stock left goes down, then reaches 0. Keeps a screenshot taken mid-sale at
     * {@code local-run/target/dashboard-during-sale.png}. Skipped where Debian's chromium and chromium-driver are
     * not installed, unless {@code FLASHSALE_REQUIRE_BROWSER=true} (CI), where that fails.
     */
    @Test
    void dashboardFiguresMoveDuringASale() throws Exception {
        boolean browserThere = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.parseBoolean(System.getenv("FLASHSALE_REQUIRE_BROWSER"))) {
            assertThat(browserThere).as("chromium and chromium-driver installed").isTrue();
        }
        Assumptions.assumeTrue(browserThere, "no /usr/bin/chromium and /usr/bin/chromedriver");

        api.createSale("shown", "shown-product", 5_000, 10, 2);
        List<Ledger.Purchase> plan = plan(20_000, 8_000, 11);
        Ledger ledger = new Ledger();
        CompletableFuture<Void> sale = CompletableFuture.completedFuture(null);

        WebDriver browser = chromium();
        try {
            // The page is open and live before the sale starts: on a busy machine Chromium may take longer to
            // start than the sale takes to sell out.
            browser.get(api.base() + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> text(d, "status").startsWith("live") && number(d, "remaining") >= 5_000);
            assertThat(browser.findElements(By.cssSelector(".uplot"))).as("six charts drawn").hasSize(6);
            long firstAccepted = number(browser, "accepted-total");
            long firstRemaining = number(browser, "remaining");
            sale = CompletableFuture.runAsync(() -> ledger.send(api, "shown", plan, 32));
            wait.until(d -> number(d, "accepted-total") > firstAccepted && number(d, "remaining") < firstRemaining
                    && number(d, "rps") > 0);
            Map<String, String> shown = figures(browser);
            Path screenshot = Path.of("target", "dashboard-during-sale.png");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(shown.get("members")).isEqualTo("2");
            assertThat(shown.get("breaker")).isEqualTo("closed");
            assertThat(Double.parseDouble(shown.get("p99"))).isPositive();
            assertThat(shown.get("hit-rate")).endsWith("%");

            sale.get(5, TimeUnit.MINUTES);
            assertThat(ledger.acceptedUnits()).isEqualTo(5_000);
            wait.until(d -> number(d, "remaining") == 0);
            System.out.printf("MonitoringIT: dashboard during a %d-request sale (stock 5000): %s; after it: %s;"
                    + " screenshot %s%n", plan.size(), shown, figures(browser), screenshot.toAbsolutePath());
        } finally {
            browser.quit();
            sale.cancel(true);
        }
    }

    private static List<Ledger.Purchase> plan(int requests, int users, long seed) {
        Random random = new Random(seed);
        List<Ledger.Purchase> plan = new ArrayList<>();
        for (int request = 0; request < requests; request++) {
            plan.add(new Ledger.Purchase("user-" + (request % users), 1 + random.nextInt(2), null));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private static Map<String, String> figures(WebDriver browser) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String id : List.of("rps", "accepted-rate", "accepted-total", "p99", "remaining", "hit-rate", "pending",
                "members", "breaker")) {
            figures.put(id, text(browser, id));
        }
        return figures;
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** A figure as a whole number, or -1 while the page shows none. */
    private static long number(WebDriver browser, String id) {
        try {
            return Math.round(Double.parseDouble(text(browser, id)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
