package io.flashsale.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.flashsale.config.ClientConfigs;
import io.flashsale.config.GridSettings;
import io.flashsale.config.MemberConfigs;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.stock.ClaimGroup;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.stock.OutboxMover;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.purchase.PurchaseFlow;
import io.flashsale.purchase.PurchaseRequest;
import io.flashsale.purchase.PurchaseResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * This project's path: two members (sync backups, as configured for production, without map stores so that the
 * comparison with Redis is memory against memory) and a client running {@link PurchaseFlow}, the app node's code.
 */
final class GridBackend implements PurchaseBackend {

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final HazelcastInstance client;
    private final PurchaseFlow flow;
    private final LongAdder gridCalls = new LongAdder();
    private final Map<String, Sale> sales = new HashMap<>();

    GridBackend(int firstPort) {
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", "bench-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:" + firstPort + ",127.0.0.1:" + (firstPort + 1),
                "FLASHSALE_PORT", String.valueOf(firstPort)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(firstPort + 1), Map.of(),
                null)));
        client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, "bench-client"));
        flow = new PurchaseFlow(client, (operation, nanos) -> gridCalls.increment());
    }

    @Override
    public String name() {
        return "grid (Hazelcast EntryProcessors)";
    }

    @Override
    public void createSale(String saleId, int stock, int segments, int perUserLimit) {
        long now = System.currentTimeMillis();
        Sale sale = new Sale(saleId, "bench-product", stock, segments, perUserLimit, now - 1_000, now + 3_600_000);
        sales.put(saleId, sale);
        client.<StockKey, StockSegment>getMap(MapNames.STOCK).putAll(sale.initialSegments());
    }

    @Override
    public Outcome purchase(String saleId, String userId, int quantity) {
        PurchaseResult result = flow.purchase(new PurchaseRequest(sales.get(saleId), userId, quantity, null));
        return switch (result.outcome()) {
            case ACCEPTED, REPLAYED -> Outcome.ACCEPTED;
            case SOLD_OUT -> Outcome.SOLD_OUT;
            case LIMIT_REACHED -> Outcome.LIMIT_REACHED;
            default -> throw new IllegalStateException("unexpected " + result.outcome());
        };
    }

    long gridCalls() {
        return gridCalls.sum();
    }

    @Override
    public Audit audit(String saleId) {
        Sale sale = sales.get(saleId);
        for (HazelcastInstance member : members) {
            OutboxMover.of(member).moveAll(member); // every accepted order into the orders map, to be counted there
        }
        IMap<StockKey, StockSegment> stock = client.getMap(MapNames.STOCK);
        long sold = 0;
        for (int s = 0; s < sale.segments(); s++) {
            sold += stock.get(sale.stockKey(s)).sold();
        }
        IMap<OrderKey, Order> orders = client.getMap(MapNames.ORDERS);
        long orderCount = 0;
        long orderUnits = 0;
        for (Order order : orders.values(Predicates.equal("saleId", saleId))) {
            orderCount++;
            orderUnits += order.quantity();
        }
        long over = 0;
        for (int s = 0; s < Math.min(Sale.HOMES, sale.segments()); s++) {
            ClaimGroup claims = stock.get(sale.stockKey(s)).claims(); // a home segment: its buyers' claims
            if (claims != null) {
                over += claims.claims().values().stream().filter(c -> c.units() > sale.perUserLimit()).count();
            }
        }
        return new Audit(sold, orderCount, orderUnits, over);
    }

    @Override
    public void close() {
        client.shutdown();
        members.forEach(HazelcastInstance::shutdown);
    }
}
