package io.flashsale.bench.jmh;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.config.ClientConfigs;
import io.flashsale.config.GridSettings;
import io.flashsale.config.MemberConfigs;
import io.flashsale.model.MapNames;
import io.flashsale.model.catalog.Product;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The grid's hot operations from a client, against two members with the production member config (sync backup):
 * {@link TryReserve} on one hot segment or spread over 10, sync or 16 in flight at a time (async), and a product
 * read from the near cache or from the members.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl bench -am
 * java -cp bench/target/bench.jar org.openjdk.jmh.Main GridOpsBenchmark -rf json -rff bench/target/jmh.json
 * </pre>
 * Throughput with 16 caller threads; each async call sends 16 reservations and waits for all of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Djava.util.concurrent.ForkJoinPool.common.parallelism=8",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Threads(16)
public class GridOpsBenchmark {

    private static final int ASYNC_BATCH = 16;

    /** Segments the reservations spread over: 1 is one hot key, 10 the default sale. */
    @Param({"1", "10"})
    public int segments;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private HazelcastInstance client;
    private IMap<StockKey, StockSegment> stock;
    private IMap<String, Product> nearCachedProducts;
    private IMap<String, Product> plainProducts;
    private final AtomicLong requestIds = new AtomicLong(1);

    @Setup(Level.Trial)
    public void startGrid() {
        GridSettings settings = GridSettings.fromEnvironment(Map.of(
                "FLASHSALE_CLUSTER_NAME", "jmh-" + UUID.randomUUID(),
                "FLASHSALE_MEMBERS", "127.0.0.1:5797,127.0.0.1:5798", "FLASHSALE_PORT", "5797"));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings, Map.of(), null)));
        members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(settings.withPort(5798), Map.of(), null)));
        client = HazelcastClient.newHazelcastClient(ClientConfigs.create(settings, "jmh"));
        stock = client.getMap(MapNames.STOCK);
        for (int s = 0; s < segments; s++) {
            stock.set(new StockKey("jmh", s), StockSegment.initial(Integer.MAX_VALUE));
        }
        Product product = new Product("hot", "Hot", "d", new BigDecimal("1.00"), 1);
        nearCachedProducts = client.getMap(MapNames.PRODUCTS); // near cache configured by ClientConfigs
        nearCachedProducts.set("hot", product);
        plainProducts = client.getMap("products-without-near-cache");
        plainProducts.set("hot", product);
    }

    @TearDown(Level.Trial)
    public void stopGrid() {
        client.shutdown();
        members.forEach(HazelcastInstance::shutdown);
    }

    private StockKey anySegment() {
        return new StockKey("jmh", ThreadLocalRandom.current().nextInt(segments));
    }

    @Benchmark
    public Reservation reserveSync() {
        return stock.executeOnKey(anySegment(), new TryReserve(requestIds.getAndIncrement(), 1));
    }

    /** Counts 16 reservations per invocation: divide the score by 16 for reservations. */
    @Benchmark
    public void reserveAsync16() {
        CompletableFuture<?>[] calls = new CompletableFuture<?>[ASYNC_BATCH];
        for (int i = 0; i < ASYNC_BATCH; i++) {
            calls[i] = stock.submitToKey(anySegment(), new TryReserve(requestIds.getAndIncrement(), 1))
                    .toCompletableFuture();
        }
        CompletableFuture.allOf(calls).join();
    }

    @Benchmark
    public Product productFromNearCache() {
        return nearCachedProducts.get("hot");
    }

    @Benchmark
    public Product productFromMembers() {
        return plainProducts.get("hot");
    }
}
