package io.flashsale.local;

import io.flashsale.config.LocalPorts;
import io.flashsale.mapstore.Database;
import io.flashsale.mapstore.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binlog reader against a MariaDB with its grant tables on: it reads as a user with an empty password (a fresh
 * server's root), brings instants back as they were written (year 0050 stays 0050), and a reader that cannot read
 * says so and why in the member's {@code /health} and on the dashboard.
 */
class BinlogReaderIT {

    private static final String TOKEN = "binlog-token";

    private static EmbeddedDatabase server;
    private LocalSystem system;

    @BeforeAll
    static void startDatabase() throws Exception {
        server = EmbeddedDatabase.start(Files.createTempDirectory("binlog-db"));
        server.createUser("nopass", "");
        sql(server.settings("mysql"), "CREATE USER 'limited'@'%' IDENTIFIED BY 'limited-pw'",
                "GRANT ALL PRIVILEGES ON limited.* TO 'limited'@'%'");
    }

    @AfterEach
    void stopSystem() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    @AfterAll
    static void stopDatabase() {
        server.close();
    }

    @Test
    void readsAsAUserWithAnEmptyPasswordAndKeepsFarPastYears() throws Exception {
        Database.Settings database = new Database.Settings(server.jdbcUrl("nopass"), "nopass", "");
        system = LocalSystem.startGrid("binlog-" + UUID.randomUUID(), database, Map.of("FLASHSALE_CDC", "true"), LocalPorts.free(1));
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        String health = "http://127.0.0.1:" + system.members().get(0).serveHttp("127.0.0.1", 0) + "/health";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(readerOf(health).path("status").asString()).isEqualTo("RUNNING"));

        assertThat(api.put("/api/admin/products/p-1", "{\"name\":\"Kettle\",\"description\":\"d\",\"price\":\"10.00\"}",
                api.admin()).status()).isEqualTo(200);
        sql(database, "UPDATE products SET price = 12.50 WHERE product_id = 'p-1'");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/products/p-1").text("price")).isEqualTo("12.50"));

        Api.Response sale = api.post("/api/admin/sales", "{\"saleId\":\"old\",\"productId\":\"p-1\",\"stock\":5,"
                + "\"perUserLimit\":1,\"startsAt\":\"0050-01-01T00:00:00Z\",\"endsAt\":\"9999-12-31T23:59:59Z\"}",
                api.admin());
        assertThat(sale.status()).as("%s", sale).isEqualTo(201);
        sql(database, "UPDATE sales SET per_user_limit = 2 WHERE sale_id = 'old'");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/sales/old").number("perUserLimit")).isEqualTo(2));
        Api.Response read = api.get("/api/sales/old");
        assertThat(read.text("startsAt")).isEqualTo("0050-01-01T00:00:00Z");
        assertThat(read.text("endsAt")).isEqualTo("9999-12-31T23:59:59Z");

        // The dashboard reads what the reader's member published once a second.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/dashboard/snapshot").body().path("binlogReader").path("state").asString())
                .isEqualTo("RUNNING"));
    }

    @Test
    void aReaderThatCannotReadSaysWhyInHealthAndOnTheDashboard() {
        Database.Settings database = new Database.Settings(server.jdbcUrl("limited"), "limited", "limited-pw");
        system = LocalSystem.startGrid("binlog-" + UUID.randomUUID(), database, Map.of("FLASHSALE_CDC", "true"), LocalPorts.free(1));
        Api api = new Api(LocalSystem.baseUrl(system.startAppNode(0, TOKEN, TestSystem.NO_TRAFFIC_LIMITS)), TOKEN);
        String health = "http://127.0.0.1:" + system.members().get(0).serveHttp("127.0.0.1", 0) + "/health";

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode reader = readerOf(health);
            assertThat(reader.path("status").asString()).isEqualTo("FAILING");
            assertThat(reader.path("reason").asString()).contains("Access denied");
        });
        Api.Response member = Api.getAbsolute(health);
        assertThat(member.status()).as("a failing reader is no reason to restart the member").isEqualTo(200);
        assertThat(member.text("status")).isEqualTo("DEGRADED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/dashboard/snapshot").body().path("binlogReader").path("state").asString())
                .isEqualTo("FAILING"));
    }

    private static JsonNode readerOf(String healthUrl) {
        return Api.getAbsolute(healthUrl).body().path("binlogReader");
    }

    private static void sql(Database.Settings database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password());
             Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }
}
