package io.flashsale.mapstore;

import io.flashsale.model.MapNames;
import io.flashsale.model.cart.Cart;
import io.flashsale.model.catalog.Product;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.UserClaim;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.task.GridDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The map stores against a real MariaDB: round trips, idempotent batches, values derived from other tables. */
class MapStoresIT {

    private static final long T0 = 1_780_000_000_123L;

    private static Database.Settings settings;
    private static Database database;
    private static Map<String, JdbcMapStore<?, ?>> stores;

    @BeforeAll
    static void openDatabase() {
        settings = TestDatabases.fresh("mapstore");
        database = Database.open(settings, "mapstore-it");
        stores = MapStores.tables(database.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
        TestDatabases.drop(settings);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> JdbcMapStore<K, V> store(String map) {
        return (JdbcMapStore<K, V>) stores.get(map);
    }

    @Test
    void storingTheSameOrdersTwiceLeavesOneRowEachWithTheNewestStatus() throws SQLException {
        JdbcMapStore<OrderKey, Order> orders = store(MapNames.ORDERS);
        Map<OrderKey, Order> batch = new HashMap<>();
        for (int i = 0; i < 250; i++) {
            String id = "twice-" + i;
            batch.put(new OrderKey(id), new Order(id, "sale-twice", "user-" + i, 1, OrderStatus.ACCEPTED, T0, "r-" + i, "0:1",
                    null, T0));
        }
        orders.storeAll(batch);
        // A failover replays the queue: same orders again, one of them changed meanwhile.
        Order paid = new Order("twice-7", "sale-twice", "user-7", 1, OrderStatus.PAID, T0, "r-7", "0:1", "pay-7",
                T0 + 5);
        batch.put(new OrderKey("twice-7"), paid);
        orders.storeAll(batch);
        orders.store(new OrderKey("twice-7"), paid);

        assertThat(count("SELECT COUNT(*) FROM orders WHERE sale_id = 'sale-twice'")).isEqualTo(250);
        assertThat(orders.load(new OrderKey("twice-7"))).isEqualTo(paid);
        assertThat(orders.load(new OrderKey("twice-8")).status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void loadsWhatItStored() {
        JdbcMapStore<String, Product> products = store(MapNames.PRODUCTS);
        Product product = new Product("p-1", "Phone", "A phone", new BigDecimal("19.99"), T0);
        products.store("p-1", product);
        assertThat(products.load("p-1")).isEqualTo(product);
        assertThat(products.load("p-unknown")).isNull();

        JdbcMapStore<String, Sale> sales = store(MapNames.SALES);
        Sale sale = new Sale("s-1", "p-1", 100, 4, 2, T0, T0 + 3_600_000);
        sales.store("s-1", sale);
        assertThat(sales.load("s-1")).isEqualTo(sale);
        assertThat(sales.loadAll(List.of("s-1", "s-unknown"))).containsOnlyKeys("s-1");

        JdbcMapStore<StockKey, StockSegment> stock = store(MapNames.STOCK);
        stock.store(new StockKey("s-1", 2), StockSegment.restored(20, 5));
        StockSegment loaded = stock.load(new StockKey("s-1", 2));
        assertThat(loaded.remaining()).isEqualTo(20);
        assertThat(loaded.sold()).isEqualTo(5);
    }

    @Test
    void aSegmentWithoutRowIsItsShareLessTheUnitsOfStoredOrders() {
        JdbcMapStore<String, Sale> sales = store(MapNames.SALES);
        sales.store("s-derived", new Sale("s-derived", "p-1", 10, 3, 5, T0, T0 + 1000)); // shares 4, 3, 3
        JdbcMapStore<OrderKey, Order> orders = store(MapNames.ORDERS);
        orders.storeAll(Map.of(
                new OrderKey("d-1"), new Order("d-1", "s-derived", "u-1", 2, OrderStatus.ACCEPTED, T0, "r-1", "0:2", null, T0),
                new OrderKey("d-2"), new Order("d-2", "s-derived", "u-2", 3, OrderStatus.PAID, T0, "r-2", "0:1,1:2", "x", T0),
                new OrderKey("d-3"), new Order("d-3", "s-derived", "u-3", 1, OrderStatus.CANCELLED, T0, "r-3", "0:1", null, T0)));

        JdbcMapStore<StockKey, StockSegment> stock = store(MapNames.STOCK);
        Map<StockKey, StockSegment> segments = stock.loadAll(Set.of(new StockKey("s-derived", 0),
                new StockKey("s-derived", 1), new StockKey("s-derived", 2), new StockKey("s-derived", 3)));

        assertThat(segments).hasSize(3); // segment 3 does not exist
        assertThat(segments.get(new StockKey("s-derived", 0))).extracting(StockSegment::remaining,
                StockSegment::sold).containsExactly(1, 3);
        assertThat(segments.get(new StockKey("s-derived", 1))).extracting(StockSegment::remaining,
                StockSegment::sold).containsExactly(1, 2);
        assertThat(segments.get(new StockKey("s-derived", 2))).extracting(StockSegment::remaining,
                StockSegment::sold).containsExactly(3, 0);
        assertThat(stock.load(new StockKey("no-such-sale", 0))).isNull();
    }

    @Test
    void aCartIsStoredWholeAndReadBackInItsOrder() {
        CartStore carts = new CartStore(database.dataSource());
        carts.store("u-cart", new Cart("u-cart", new String[] {"p-b", "p-a", "p-c"}, new int[] {2, 1, 5}, 3, T0));
        carts.store("u-cart", new Cart("u-cart", new String[] {"p-b", "p-a", "p-c"}, new int[] {2, 1, 5}, 3, T0));
        assertThat(carts.load("u-cart"))
                .isEqualTo(new Cart("u-cart", new String[] {"p-b", "p-a", "p-c"}, new int[] {2, 1, 5}, 3, T0));

        carts.storeAll(Map.of("u-cart", new Cart("u-cart", new String[] {"p-c"}, new int[] {4}, 5, T0 + 7),
                "u-other", new Cart("u-other", new String[] {"p-a"}, new int[] {1}, 1, T0)));
        assertThat(carts.load("u-cart")).isEqualTo(new Cart("u-cart", new String[] {"p-c"}, new int[] {4}, 5, T0 + 7));

        carts.store("u-cart", new Cart("u-cart", new String[0], new int[0], 6, T0 + 9));
        assertThat(carts.load("u-cart")).as("an emptied cart has no rows").isNull();
        assertThat(carts.load("u-other").lines()).isEqualTo(1);
        assertThat(carts.load("u-nobody")).isNull();
    }

    @Test
    void auditAndClaimsCountOnlyOrdersThatHoldStock() {
        JdbcMapStore<OrderKey, Order> orders = store(MapNames.ORDERS);
        orders.storeAll(Map.of(
                new OrderKey("c-1"), new Order("c-1", "s-claims", "u-1", 2, OrderStatus.ACCEPTED, T0, "r-c1", "0:2", null, T0),
                new OrderKey("c-2"), new Order("c-2", "s-claims", "u-1", 1, OrderStatus.PAID, T0, "r-c2", "1:1", "x", T0),
                new OrderKey("c-3"), new Order("c-3", "s-claims", "u-2", 1, OrderStatus.EXPIRED, T0, "r-c3", "0:1", null, T0)));
        GridDatabase grid = database.gridDatabase();

        assertThat(grid.holdingOrders("s-claims")).isEqualTo(new GridDatabase.OrderTotals(2, 3));
        Map<String, UserClaim> claims = grid.claimsOf("s-claims");
        assertThat(claims).containsOnlyKeys("u-1");
        assertThat(claims.get("u-1").units()).isEqualTo(3);
        assertThat(claims.get("u-1").requestIds()).containsExactlyInAnyOrder("r-c1", "r-c2");
        grid.ping();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
