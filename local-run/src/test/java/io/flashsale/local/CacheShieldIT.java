package io.flashsale.local;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nearcache.NearCacheStats;
import io.flashsale.config.GridSettings;
import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import io.flashsale.mapstore.TestDatabases;
import io.flashsale.model.MapNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read path shields MySQL. Queries are counted at the database server itself: a MariaDB of this test's own
 * with its general query log in a table, where the product lookups are counted by their text (the server's
 * {@code Com_select} also counts the statements a driver runs on every new connection).
 */
class CacheShieldIT {

    private static EmbeddedDatabase server;
    private static Database.Settings database;
    private static LocalSystem system;
    private static Api first;
    private static ConfigurableApplicationContext secondNode;
    private static Api second;

    @BeforeAll
    static void start() throws SQLException {
        server = TestDatabases.startOwn("shield");
        database = server.settings("shield");
        system = LocalSystem.startGrid("shield-" + UUID.randomUUID(), database, LocalPorts.free(2));
        first = new Api(LocalSystem.baseUrl(system.startAppNode(0, TestSystem.TOKEN, TestSystem.NO_TRAFFIC_LIMITS)),
                TestSystem.TOKEN);
        secondNode = system.startAppNode(0, TestSystem.TOKEN, TestSystem.NO_TRAFFIC_LIMITS);
        second = new Api(LocalSystem.baseUrl(secondNode), TestSystem.TOKEN);
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET GLOBAL general_log = 1");
    }

    @AfterAll
    static void stop() {
        system.close();
        server.close();
    }

    @Test
    void tenThousandConcurrentReadsOfAColdProductQueryTheDatabaseOnce() throws Exception {
        first.createSale("cold-sale", "cold", 10, 1, 1);
        // Cold: in MySQL, not in the grid (as after an eviction or a restart), not in any near cache.
        system.members().get(0).hazelcast().getMap(MapNames.PRODUCTS).evict("cold");

        long before = productLookups();
        List<Integer> statuses = readConcurrently(10_000, i -> "/api/products/cold");
        long queries = productLookups() - before;

        System.out.printf("CacheShieldIT: 10,000 concurrent reads of a cold product: %d product lookups at the server%n",
                queries);
        assertThat(statuses).containsOnly(200);
        assertThat(queries).isEqualTo(1);
    }

    @Test
    void readsOfUnknownIdsReachTheDatabaseOncePerIdAndACreatedIdIsVisibleAtOnce() throws Exception {
        long before = productLookups();
        List<Integer> statuses = readConcurrently(10_000, i -> "/api/products/ghost-" + (i % 100));
        long queries = productLookups() - before;

        System.out.printf("CacheShieldIT: 10,000 reads over 100 unknown ids: %d product lookups at the server%n", queries);
        assertThat(statuses).containsOnly(404);
        assertThat(queries).isLessThanOrEqualTo(100);

        assertThat(first.put("/api/admin/products/ghost-7",
                "{\"name\":\"Now real\",\"description\":\"d\",\"price\":\"1.00\"}", first.admin()).status())
                .isEqualTo(200);
        assertThat(first.get("/api/products/ghost-7").status()).isEqualTo(200);
        // The other node may have near-cached the miss; the contract gives its invalidation one second to arrive.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(second.get("/api/products/ghost-7").status()).isEqualTo(200));
        assertThat(second.get("/api/products/ghost-7").text("name")).isEqualTo("Now real");
    }

    @Test
    void aChangeOnOneAppNodeIsVisibleOnTheOtherWithinASecond() throws Exception {
        first.put("/api/admin/products/shared", "{\"name\":\"Old\",\"description\":\"d\",\"price\":\"1.00\"}",
                first.admin());
        assertThat(second.get("/api/products/shared").text("name")).isEqualTo("Old"); // near-cached there now

        long changed = System.nanoTime();
        first.put("/api/admin/products/shared", "{\"name\":\"New\",\"description\":\"d\",\"price\":\"2.00\"}",
                first.admin());
        String seen = second.get("/api/products/shared").text("name");
        while (!seen.equals("New") && System.nanoTime() - changed < 5_000_000_000L) {
            Thread.sleep(10);
            seen = second.get("/api/products/shared").text("name");
        }
        long millis = (System.nanoTime() - changed) / 1_000_000;
        System.out.printf("CacheShieldIT: a product change reached the other app node's near cache in %d ms%n",
                millis);
        assertThat(seen).isEqualTo("New");
        assertThat(millis).isLessThan(1_000);
    }

    @Test
    void aNearCachedProductCostsTheGridNothingPerRead() throws Exception {
        first.put("/api/admin/products/hot", "{\"name\":\"Hot\",\"description\":\"d\",\"price\":\"1.00\"}",
                first.admin());
        second.get("/api/products/hot");
        NearCacheStats stats = secondNode.getBean(HazelcastInstance.class).getMap(MapNames.PRODUCTS)
                .getLocalMapStats().getNearCacheStats();
        long missesBefore = stats.getMisses();
        long hitsBefore = stats.getHits();

        List<Integer> statuses = readConcurrently(2_000, i -> "/api/products/hot", second);
        long misses = stats.getMisses() - missesBefore;
        long hits = stats.getHits() - hitsBefore;

        System.out.printf("CacheShieldIT: 2,000 reads of a hot product: %d near-cache hits, %d misses (grid reads)%n",
                hits, misses);
        assertThat(statuses).containsOnly(200);
        assertThat(misses).isZero();
        assertThat(hits).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void entriesLoadedTogetherExpireSpreadOutAndAnActiveSaleNotBeforeItEnds() {
        HazelcastInstance member = system.members().get(0).hazelcast();
        IMap<String, Object> products = member.getMap(MapNames.PRODUCTS);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            first.put("/api/admin/products/mass-" + i,
                    "{\"name\":\"Mass\",\"description\":\"d\",\"price\":\"1.00\"}", first.admin());
            ids.add("mass-" + i);
        }
        first.createSale("long-sale", "long-sale-product", 10, 1, 1);
        ids.forEach(products::evict);
        long saleEnds = Instant.parse(first.get("/api/sales/long-sale").text("endsAt")).toEpochMilli();
        member.getMap(MapNames.SALES).evict("long-sale");

        long loadedAt = System.currentTimeMillis();
        products.getAll(ids); // a mass load, as after a restart
        member.getMap(MapNames.SALES).get("long-sale");
        LongSummaryStatistics expiries = ids.stream()
                .mapToLong(id -> products.getEntryView(id).getExpirationTime()).summaryStatistics();
        long saleExpiry = member.getMap(MapNames.SALES).getEntryView("long-sale").getExpirationTime();

        long ttl = GridSettings.DEFAULT_LOADED_TTL_SECONDS * 1_000L;
        long jitter = ttl * GridSettings.DEFAULT_TTL_JITTER_PERCENT / 100;
        System.out.printf("CacheShieldIT: 200 products loaded together expire over %d s (TTL %d s +- %d s)%n",
                (expiries.getMax() - expiries.getMin()) / 1_000, ttl / 1_000, jitter / 1_000);
        // Hazelcast keeps expiry times to the second: a second of slack either way.
        assertThat(expiries.getMin()).isGreaterThanOrEqualTo(loadedAt + ttl - jitter - 1_000);
        assertThat(expiries.getMax()).isLessThanOrEqualTo(System.currentTimeMillis() + ttl + jitter + 1_000);
        assertThat(expiries.getMax() - expiries.getMin()).as("spread, ms").isGreaterThan(jitter);
        assertThat(saleExpiry).as("a sale stays loaded until it ends").isGreaterThan(saleEnds);
    }

    @Test
    void anAppNodeStartsWithTheRunningSalesAndTheirProductsInItsNearCache() {
        first.createSale("preloaded", "preloaded-product", 10, 1, 1);

        ConfigurableApplicationContext third = system.startAppNode(0, TestSystem.TOKEN, TestSystem.NO_TRAFFIC_LIMITS);
        HazelcastInstance client = third.getBean(HazelcastInstance.class);
        long sales = client.getMap(MapNames.SALES).getLocalMapStats().getNearCacheStats().getOwnedEntryCount();
        long products = client.getMap(MapNames.PRODUCTS).getLocalMapStats().getNearCacheStats()
                .getOwnedEntryCount();
        third.close();

        System.out.printf("CacheShieldIT: a new app node started with %d sales and %d products near-cached%n",
                sales, products);
        assertThat(sales).isGreaterThanOrEqualTo(1);
        assertThat(products).isGreaterThanOrEqualTo(1);
    }

    /** Reads {@code count} paths from 32 threads released at once, spread over both app nodes. */
    private static List<Integer> readConcurrently(int count, IntFunction<String> path) throws Exception {
        return readConcurrently(count, path, null);
    }

    /** The same on one app node only (when {@code only} is not null). */
    private static List<Integer> readConcurrently(int count, IntFunction<String> path, Api only) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int thread = t;
            done.add(readers.submit(() -> {
                go.await();
                for (int i = thread; i < count; i += 32) {
                    Api api = only != null ? only : i % 2 == 0 ? first : second;
                    statuses.add(api.get(path.apply(i)).status());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        readers.shutdown();
        return statuses;
    }

    /** Product lookups (the products MapLoader's SELECT) the database server has executed so far. */
    private static long productLookups() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             // The pattern does not match this query itself, which the log holds too.
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM mysql.general_log WHERE command_type ="
                     + " 'Query' AND argument LIKE 'SELECT product_id, name, % FROM products WHERE %'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
