package io.flashsale.mapstore;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryStore;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import io.flashsale.model.MapNames;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-through store that remembers ids the database does not have (cache penetration). Hazelcast does not keep
 * a null a MapLoader returns, so every read of an unknown id would query the database again; instead the first
 * miss leaves a marker in {@link MapNames#KNOWN_MISSING} (a grid map with a time-to-live and a size bound, so an
 * attacker's endless ids cost bounded memory) and loads of a marked id answer null without a query, cluster-wide.
 * Storing the id (an admin creates it) removes the marker, so it is visible at once. Every value it loads gets an
 * expiry ({@link Expiry}: jittered, see {@link LoadedExpiry}), so that entries loaded together do not all leave
 * the grid, and come back from the database, at once.
 *
 * <p>Cache breakdown: Hazelcast runs a partition's loads one after another as far as we measured (one query for
 * 10,000 concurrent reads of a cold product, {@code CacheShieldIT}), but does not promise it. A key's loads all run
 * on the member that owns it, so a member-local single flight makes them one query whatever Hazelcast does: the first load queries, the others wait for its answer,
 * and a load that starts within {@value #REUSE_MILLIS} ms of an answer takes it too (the grid may not have stored
 * the loaded value yet). Written by hand: a map of futures is all it takes, and a cache library would add a
 * second copy of the values.
 */
final class KnownMissing<V> implements EntryStore<String, V>, MapLoaderLifecycleSupport {

    static final long REUSE_MILLIS = 1_000;
    private static final int FLIGHTS_BEFORE_CLEANUP = 10_000;

    /** A load of one key: its answer (empty: no row), and when it was answered. */
    private static final class Flight<V> {
        final CompletableFuture<Optional<V>> answer = new CompletableFuture<>();
        volatile long answeredAtNanos;

        boolean reusableAt(long now) {
            return !answer.isDone() || now - answeredAtNanos < REUSE_MILLIS * 1_000_000;
        }
    }

    /** When a loaded value leaves the grid (epoch milliseconds), given the value and the time it was loaded. */
    interface Expiry<V> {
        long at(V value, long now);
    }

    private final JdbcMapStore<String, V> store;
    private final Expiry<V> expiry;
    private final ConcurrentHashMap<String, Flight<V>> flights = new ConcurrentHashMap<>();
    private IMap<String, Boolean> markers;
    private String mapName;

    KnownMissing(JdbcMapStore<String, V> store, Expiry<V> expiry) {
        this.store = store;
        this.expiry = expiry;
    }

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        this.markers = hazelcast.getMap(MapNames.KNOWN_MISSING);
        this.mapName = mapName;
    }

    @Override
    public void destroy() {
    }

    private String marker(String key) {
        return mapName + "/" + key;
    }

    @Override
    public MetadataAwareValue<V> load(String key) {
        V value = loadValue(key);
        return value == null ? null : withExpiry(value);
    }

    private MetadataAwareValue<V> withExpiry(V value) {
        return new MetadataAwareValue<>(value, expiry.at(value, System.currentTimeMillis()));
    }

    private @Nullable V loadValue(String key) {
        if (markers.containsKey(marker(key))) {
            return null;
        }
        long now = System.nanoTime();
        Flight<V> mine = new Flight<>();
        Flight<V> flight = flights.compute(key, (k, running) ->
                running != null && running.reusableAt(now) ? running : mine);
        if (flight != mine) {
            return flight.answer.join().orElse(null);
        }
        try {
            V value = store.load(key);
            if (value == null) {
                markers.set(marker(key), Boolean.TRUE);
            }
            mine.answeredAtNanos = System.nanoTime();
            mine.answer.complete(Optional.ofNullable(value));
            return value;
        } catch (RuntimeException e) {
            flights.remove(key, mine);
            mine.answer.completeExceptionally(e);
            throw e;
        } finally {
            if (flights.size() > FLIGHTS_BEFORE_CLEANUP) {
                long later = System.nanoTime();
                flights.values().removeIf(f -> !f.reusableAt(later));
            }
        }
    }

    @Override
    public Map<String, MetadataAwareValue<V>> loadAll(Collection<String> keys) {
        Map<String, MetadataAwareValue<V>> found = new HashMap<>();
        for (String key : keys) {
            V value = loadValue(key); // warm-up asks for a handful of keys
            if (value != null) {
                found.put(key, withExpiry(value));
            }
        }
        return found;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return store.loadAllKeys();
    }

    /** Written through by an admin change; its expiry (none for a value put, not loaded) is the grid's. */
    @Override
    public void store(String key, MetadataAwareValue<V> value) {
        store.store(key, value.getValue());
        forget(key);
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<V>> entries) {
        Map<String, V> values = new HashMap<>();
        entries.forEach((key, value) -> values.put(key, value.getValue()));
        store.storeAll(values);
        entries.keySet().forEach(this::forget);
    }

    /** The key has a row now: no marker, no earlier answer to reuse. */
    private void forget(String key) {
        flights.remove(key);
        markers.delete(marker(key));
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        store.deleteAll(keys);
    }
}
