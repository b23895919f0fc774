package io.flashsale.gridnode.cdc;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Product;
import io.flashsale.model.catalog.Sale;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * Turns a row change of {@code products} or {@code sales} into the grid's entry: inserted and updated rows replace
 * it, deleted rows evict it, and every app node's near cache is invalidated by the grid as for any change. Writes go
 * in with {@code putTransient}/{@code evict}: the row is in MySQL already, and storing it back would write it again
 * and echo through the binlog.
 *
 * <p>Not fighting our own writes: an admin change writes the grid and MySQL (write-through) and comes back here a
 * moment later. A product's row carries {@code updated_at}; an event older than the grid's value is dropped, so an
 * echo of an earlier admin change never overwrites a later one. Sales are never changed by the grid after they are
 * created, so their echoes equal what the grid holds. Binlog order is commit order: replayed events (after a
 * failover) end in the last committed state.
 */
final class ChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

    private final IMap<String, Product> products;
    private final IMap<String, Sale> sales;

    ChangeApplier(HazelcastInstance member) {
        this.products = member.getMap(MapNames.PRODUCTS);
        this.sales = member.getMap(MapNames.SALES);
    }

    /** Applies one change event; returns the source commit time (epoch ms), or -1 for an event that is no change. */
    long apply(SourceRecord record) {
        if (!(record.value() instanceof Struct change) || change.schema().field("op") == null) {
            return -1; // heartbeats, schema changes, tombstones
        }
        Struct source = change.getStruct("source");
        String table = source.getString("table");
        String op = change.getString("op");
        Struct row = "d".equals(op) ? change.getStruct("before") : change.getStruct("after");
        if (row == null) {
            return -1;
        }
        switch (table) {
            case "products" -> applyProduct(op, row);
            case "sales" -> applySale(op, row);
            default -> {
                return -1;
            }
        }
        Long committed = source.getInt64("ts_ms");
        return committed == null ? -1 : committed;
    }

    private void applyProduct(String op, Struct row) {
        String id = row.getString("product_id");
        if ("d".equals(op)) {
            products.evict(id);
            return;
        }
        Product changed = new Product(id, row.getString("name"), row.getString("description"),
                (BigDecimal) row.get("price"), row.getInt64("updated_at"));
        Product current = products.get(id);
        if (current != null && current.updatedAt() > changed.updatedAt()) {
            log.debug("Dropped an older change of product {} (grid {} > row {})", id, current.updatedAt(),
                    changed.updatedAt());
            return;
        }
        if (!changed.equals(current)) {
            products.putTransient(id, changed, 0, TimeUnit.SECONDS);
        }
    }

    private void applySale(String op, Struct row) {
        String id = row.getString("sale_id");
        if ("d".equals(op)) {
            sales.evict(id);
            return;
        }
        Sale changed = new Sale(id, row.getString("product_id"), row.getInt32("stock"), row.getInt32("segments"),
                row.getInt32("per_user_limit"), row.getInt64("starts_at"), row.getInt64("ends_at"));
        if (!changed.equals(sales.get(id))) {
            sales.putTransient(id, changed, 0, TimeUnit.SECONDS);
        }
    }
}
