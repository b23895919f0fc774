package io.flashsale.mapstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.map.MapStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-through protection for maps whose ids clients choose freely (orders, carts): a key a lookup found missing
 * is remembered for a while, and lookups that find nothing are budgeted, so that an attacker's endless random ids
 * cost the database a bounded number of queries. Past the budget, a lookup of a key not in the grid is refused
 * ({@link LookupsExhausted}, a 503 to the client) until it refills: a wrong "not found" for a real row is never
 * answered, and rows that exist (every order after a full restart) never use the budget up.
 *
 * <p>Member-local, unlike {@link KnownMissing}'s grid map: these maps' EntryProcessors load missing keys on
 * partition threads, where a grid call is refused. A key's loads all run on its owner, so local is cluster-wide
 * but for the first lookup after a migration. Caffeine bounds the memory whatever the ids.
 */
final class UnknownRows<K, V> implements MapStore<K, V> {

    /** Keys remembered as missing per map and member. */
    static final int REMEMBERED = 100_000;

    private final MapStore<K, V> store;
    private final Cache<K, Boolean> missing;
    private final Bucket misses;

    /**
     * @param remember       how long a missing key is remembered
     * @param missesPerSecond lookups that may find nothing, per second, with twice that as a burst
     */
    UnknownRows(MapStore<K, V> store, Duration remember, int missesPerSecond) {
        this.store = store;
        this.missing = Caffeine.newBuilder().maximumSize(REMEMBERED).expireAfterWrite(remember).build();
        this.misses = Bucket.builder().addLimit(Bandwidth.builder().capacity(2L * missesPerSecond)
                .refillGreedy(missesPerSecond, Duration.ofSeconds(1)).build()).build();
    }

    /** The member has looked up too many keys that do not exist: a client may retry shortly. */
    static final class LookupsExhausted extends IllegalStateException {
        LookupsExhausted() {
            super("too many lookups of ids that do not exist; try again shortly");
        }
    }

    @Override
    public @Nullable V load(K key) {
        if (missing.getIfPresent(key) != null) {
            return null;
        }
        if (misses.getAvailableTokens() <= 0) {
            throw new LookupsExhausted();
        }
        V value = store.load(key);
        if (value == null) {
            misses.tryConsume(1);
            missing.put(key, Boolean.TRUE);
        }
        return value;
    }

    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        List<K> unknown = keys.stream().filter(k -> missing.getIfPresent(k) == null).toList();
        if (unknown.isEmpty()) {
            return Map.of();
        }
        if (misses.getAvailableTokens() <= 0) {
            throw new LookupsExhausted();
        }
        Map<K, V> found = new HashMap<>(store.loadAll(unknown));
        for (K key : unknown) {
            if (!found.containsKey(key)) {
                misses.tryConsume(1);
                missing.put(key, Boolean.TRUE);
            }
        }
        return found;
    }

    @Override
    public Iterable<K> loadAllKeys() {
        return store.loadAllKeys();
    }

    @Override
    public void store(K key, V value) {
        store.store(key, value);
        missing.invalidate(key);
    }

    @Override
    public void storeAll(Map<K, V> entries) {
        store.storeAll(entries);
        missing.invalidateAll(entries.keySet());
    }

    @Override
    public void delete(K key) {
        store.delete(key);
        missing.invalidate(key);
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        store.deleteAll(keys);
        missing.invalidateAll(keys);
    }
}
