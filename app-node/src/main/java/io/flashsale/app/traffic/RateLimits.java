package io.flashsale.app.traffic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.core.HazelcastInstance;
import io.flashsale.model.MapNames;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token buckets in front of the purchase path (Bucket4j: refill is computed from time on each use, and each
 * consumption is one atomic step, unlike the source design's Lua script).
 * <ul>
 *   <li>One bucket per sale for the whole cluster, kept in the grid ({@link MapNames#RATE_LIMITS}) and consumed by
 *       an EntryProcessor, so N app nodes together let through the configured rate, not N times it. Bucket4j's
 *       delaying optimisation takes tokens from a local copy and settles with the grid once
 *       {@link #unsynchronizedTokens} tokens or {@link #UNSYNCHRONIZED_FOR} have gone by (folding concurrent
 *       requests into one call, as its batching does): a grid call per 1% of a second's rate instead of one per
 *       batch of requests. The price is looseness: each app node can be that many tokens ahead of the others
 *       before it settles, so N nodes let through up to N times 1% of a second's rate more, once; what they took
 *       beyond the bucket is paid back from its refill.</li>
 *   <li>One bucket per user on each app node, in memory (bounded, least recently used forgotten), so one client
 *       cannot hammer the sale; behind a load balancer that spreads a user over N nodes the user can get up to N
 *       times the per-user rate, a price paid to keep the check free of grid calls.</li>
 * </ul>
 * The per-user check runs first, so a hammering client costs the grid nothing.
 */
@Component
public class RateLimits {

    /** Longest a node takes tokens locally before it settles with the grid. */
    static final Duration UNSYNCHRONIZED_FOR = Duration.ofMillis(10);

    private final ProxyManager<String> buckets;
    private final BucketConfiguration saleLimit;
    private final Map<String, BucketProxy> saleBuckets = new ConcurrentHashMap<>();
    private final Cache<String, Bucket> userBuckets;
    private final TrafficProperties properties;

    RateLimits(HazelcastInstance hazelcast, TrafficProperties properties) {
        this.properties = properties;
        this.buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(
                hazelcast.<String, byte[]>getMap(MapNames.RATE_LIMITS)).build();
        this.saleLimit = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.burst())
                        .refillGreedy(properties.ratePerSecond(), Duration.ofSeconds(1)))
                .build();
        this.userBuckets = Caffeine.newBuilder().maximumSize(properties.userBuckets()).build();
    }

    /** Tokens a node may take locally before it settles with the grid: 1% of a second's rate, at least one. */
    static long unsynchronizedTokens(long ratePerSecond) {
        return Math.max(1, ratePerSecond / 100);
    }

    /** Takes a token from the user's and the sale's bucket, or throws {@link RateLimited}. */
    public void admit(String saleId, String userId) {
        Bucket user = userBuckets.get(saleId + "/" + userId, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.userBurst())
                        .refillGreedy(properties.userRatePerSecond(), Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe byUser = user.tryConsumeAndReturnRemaining(1);
        if (!byUser.isConsumed()) {
            throw new RateLimited("user " + userId + " sends more than " + properties.userRatePerSecond()
                    + " purchase requests per second", byUser.getNanosToWaitForRefill());
        }
        BucketProxy sale = saleBuckets.computeIfAbsent(saleId, id -> buckets.builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(
                        unsynchronizedTokens(properties.ratePerSecond()), UNSYNCHRONIZED_FOR)))
                .build("sale/" + id, () -> saleLimit));
        ConsumptionProbe bySale = sale.tryConsumeAndReturnRemaining(1);
        if (!bySale.isConsumed()) {
            throw new RateLimited("sale " + saleId + " takes at most " + properties.ratePerSecond()
                    + " purchase requests per second", bySale.getNanosToWaitForRefill());
        }
    }
}
