package io.flashsale.local;

import io.flashsale.model.MapNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values come back as they were given, from the grid and from MySQL: any Unicode text, instants across the range
 * the database holds; instants outside it are a client's mistake (400), not a server error.
 */
class StoredValuesIT {

    private static TestSystem sut;
    private static Api api;

    @BeforeAll
    static void start() {
        sut = TestSystem.start("stored-values", 1);
        api = sut.api;
    }

    @AfterAll
    static void stop() {
        sut.close();
    }

    @Test
    void aProductNamedOutsideLatin1IsStoredAndReadBackUnchanged() throws Exception {
        String name = "名前 😀";
        Api.Response put = api.put("/api/admin/products/unicode",
                "{\"name\":\"" + name + "\",\"description\":\"Ünïcödé ✓\",\"price\":\"1.00\"}", api.admin());
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(api.get("/api/products/unicode").text("name")).isEqualTo(name);

        try (Connection connection = DriverManager.getConnection(sut.database.url(), sut.database.user(),
                sut.database.password());
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, description FROM products WHERE product_id = 'unicode'")) {
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(name);
                assertThat(row.getString(2)).isEqualTo("Ünïcödé ✓");
            }
        }
        // Read through from MySQL again, not from the grid.
        sut.system.members().get(0).hazelcast().getMap(MapNames.PRODUCTS).evictAll();
        assertThat(api.get("/api/products/unicode").text("name")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z"})
    void anInstantOutsideTheStoredRangeIsAClientMistake(String endsAt) {
        api.put("/api/admin/products/ranged", "{\"name\":\"R\",\"description\":\"d\",\"price\":\"1.00\"}",
                api.admin());
        Api.Response sale = api.post("/api/admin/sales", "{\"saleId\":\"ranged\",\"productId\":\"ranged\","
                + "\"stock\":1,\"perUserLimit\":1,\"endsAt\":\"" + endsAt + "\"}", api.admin());
        assertThat(sale.status()).as("%s", sale).isEqualTo(400);
        assertThat(sale.problemType()).isEqualTo("urn:flashsale:problem:invalid-request");
        assertThat(api.get("/api/sales/ranged").status()).isEqualTo(404);
    }

    @Test
    void theEdgesOfTheRangeAreKept() {
        api.put("/api/admin/products/edges", "{\"name\":\"E\",\"description\":\"d\",\"price\":\"1.00\"}",
                api.admin());
        Api.Response sale = api.post("/api/admin/sales", "{\"saleId\":\"edges\",\"productId\":\"edges\","
                + "\"stock\":1,\"perUserLimit\":1,\"startsAt\":\"0001-01-01T00:00:00Z\","
                + "\"endsAt\":\"9999-12-31T23:59:59.999Z\"}", api.admin());
        assertThat(sale.status()).as("%s", sale).isEqualTo(201);
        sut.system.members().get(0).hazelcast().getMap(MapNames.SALES).evictAll();
        Api.Response read = api.get("/api/sales/edges");
        assertThat(read.text("startsAt")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(read.text("endsAt")).isEqualTo("9999-12-31T23:59:59.999Z");
    }
}
