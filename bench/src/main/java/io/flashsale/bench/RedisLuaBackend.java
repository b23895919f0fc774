package io.flashsale.bench;

import io.flashsale.model.catalog.Sale;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The source design's path: Redis with one Lua script per purchase over segmented stock keys. Unlike the seed's
 * script (a fixed random segment, DECR then INCR back), this one does what the contract asks, so that both sides
 * do the same work: per-user limit, fall-through to the next segment, the order recorded, all atomically.
 * Keys carry a {sale} hash tag, as Redis Cluster would need for one script to touch them.
 *
 * <p>With a replica to wait for, every script is followed by {@code WAIT 1}: the purchase is answered once a second
 * copy has it, as the grid answers once its synchronous backup has it. A WAIT that times out is a failed purchase.
 */
final class RedisLuaBackend implements PurchaseBackend {

    private static final String PURCHASE = """
            local sale, user, qty, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
            local n, start, orderId = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
            local limitKey = 'limit:{' .. sale .. '}:' .. user
            if tonumber(redis.call('GET', limitKey) or '0') + qty > limit then return -2 end
            local need, taken = qty, {}
            for i = 0, n - 1 do
              local seg = (start + i) % n
              local key = 'stock:{' .. sale .. '}:' .. seg
              local left = tonumber(redis.call('GET', key) or '0')
              if left > 0 then
                local take = math.min(left, need)
                redis.call('DECRBY', key, take)
                taken[#taken + 1] = seg .. ':' .. take
                need = need - take
                if need == 0 then break end
              end
            end
            if need > 0 then
              for _, part in ipairs(taken) do
                local seg, take = string.match(part, '(%d+):(%d+)')
                redis.call('INCRBY', 'stock:{' .. sale .. '}:' .. seg, tonumber(take))
              end
              return -1
            end
            redis.call('INCRBY', limitKey, qty)
            redis.call('HSET', 'orders:{' .. sale .. '}', orderId, user .. ':' .. qty .. ':' .. table.concat(taken, ','))
            return 1
            """;

    /** How long a purchase waits for its replica's acknowledgement. */
    private static final long WAIT_TIMEOUT_MILLIS = 1_000;

    private final JedisPool pool;
    private final String sha;
    private final int replicas;
    private final AutoCloseable servers;
    private final Map<String, int[]> sales = new java.util.concurrent.ConcurrentHashMap<>();

    /** Against a running Redis, without a replica. */
    RedisLuaBackend(String host, int port, int connections) {
        this(host, port, connections, 0, () -> { });
    }

    /** Against the benchmark's own primary with its replica; every purchase waits for the replica. */
    static RedisLuaBackend withReplica(RedisPair pair, int connections) {
        return new RedisLuaBackend("127.0.0.1", pair.primaryPort, connections, 1, pair);
    }

    private RedisLuaBackend(String host, int port, int connections, int replicas, AutoCloseable servers) {
        this.replicas = replicas;
        this.servers = servers;
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(connections);
        config.setMaxIdle(connections);
        pool = new JedisPool(config, host, port);
        try (Jedis jedis = pool.getResource()) {
            sha = jedis.scriptLoad(PURCHASE);
        }
    }

    @Override
    public String name() {
        return replicas == 0 ? "redis+lua (source design)" : "redis+lua, replica, WAIT " + replicas;
    }

    @Override
    public void createSale(String saleId, int stock, int segments, int perUserLimit) {
        try (Jedis jedis = pool.getResource()) {
            for (String key : jedis.keys("*{" + saleId + "}*")) {
                jedis.del(key);
            }
            Sale split = new Sale(saleId, "bench-product", stock, segments, perUserLimit, 0, 1); // same shares as the grid
            for (int s = 0; s < segments; s++) {
                jedis.set("stock:{" + saleId + "}:" + s, String.valueOf(split.initialUnitsOf(s)));
            }
        }
        sales.put(saleId, new int[] {stock, segments, perUserLimit});
    }

    @Override
    public Outcome purchase(String saleId, String userId, int quantity) {
        int[] sale = sales.get(saleId);
        int start = ThreadLocalRandom.current().nextInt(sale[1]);
        try (Jedis jedis = pool.getResource()) {
            long result = (Long) jedis.evalsha(sha, List.of(), List.of(saleId, userId, String.valueOf(quantity),
                    String.valueOf(sale[2]), String.valueOf(sale[1]), String.valueOf(start),
                    UUID.randomUUID().toString()));
            if (replicas > 0 && jedis.waitReplicas(replicas, WAIT_TIMEOUT_MILLIS) < replicas) {
                throw new IllegalStateException("the replica did not acknowledge within " + WAIT_TIMEOUT_MILLIS
                        + " ms");
            }
            return result == 1 ? Outcome.ACCEPTED : result == -1 ? Outcome.SOLD_OUT : Outcome.LIMIT_REACHED;
        }
    }

    @Override
    public Audit audit(String saleId) {
        int[] sale = sales.get(saleId);
        try (Jedis jedis = pool.getResource()) {
            long left = 0;
            for (int s = 0; s < sale[1]; s++) {
                left += Long.parseLong(jedis.get("stock:{" + saleId + "}:" + s));
            }
            Map<String, String> orders = jedis.hgetAll("orders:{" + saleId + "}");
            long units = orders.values().stream().mapToLong(v -> Long.parseLong(v.split(":")[1])).sum();
            long over = 0;
            for (String key : jedis.keys("limit:{" + saleId + "}:*")) {
                if (Long.parseLong(jedis.get(key)) > sale[2]) {
                    over++;
                }
            }
            return new Audit(sale[0] - left, orders.size(), units, over);
        }
    }

    @Override
    public void close() throws Exception {
        pool.close();
        servers.close();
    }
}
