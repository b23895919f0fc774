package io.flashsale.config;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the partition thread of a key's backup replica busy for a while, for tests of what a call does while its
 * backup cannot acknowledge: later changes of that partition are applied by the owner, and their backups queue
 * behind the hold (past the backup timeout, 5 s, their calls fail as of unknown outcome). Members and test run in
 * one JVM, which is how the hold reports its start and end.
 */
public final class BackupHold {

    private static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
    private static final Map<String, Long> ENDED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final CompletableFuture<Object> holdingWrite;

    private <K, V> BackupHold(IMap<K, V> map, K key, long millis) {
        CountDownLatch started = new CountDownLatch(1);
        STARTED.put(id, started);
        holdingWrite = map.submitToKey(key, new HoldBackup<K, V>(id, millis)).toCompletableFuture();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).as("the backup hold began").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Writes {@code key}'s value again with a backup that sleeps {@code millis} on the backup replica's partition
     * thread; returns once that sleep has begun. The key must have a value.
     */
    public static <K, V> BackupHold start(IMap<K, V> map, K key, long millis) {
        return new BackupHold(map, key, millis);
    }

    /** The write that holds the backup: it waits for its own backup too. */
    public CompletableFuture<Object> holdingWrite() {
        return holdingWrite;
    }

    /** When the hold ended ({@link System#nanoTime()}); fails when it has not. */
    public long endNanos() {
        Long end = ENDED.get(id);
        assertThat(end).as("the hold ended").isNotNull();
        return end;
    }

    /** Sets the entry's value again (a change, so a backup is sent). Java-serialized: test only. */
    record HoldBackup<K, V>(String hold, long millis) implements EntryProcessor<K, V, Object> {

        @Override
        public Object process(Map.Entry<K, V> entry) {
            entry.setValue(entry.getValue());
            return null;
        }

        @Override
        public EntryProcessor<K, V, Object> getBackupProcessor() {
            return new SleepingBackup<>(hold, millis);
        }
    }

    /** The backup's part: sleeps on the backup replica's partition thread, then applies the same change. */
    record SleepingBackup<K, V>(String hold, long millis) implements EntryProcessor<K, V, Object> {

        @Override
        public Object process(Map.Entry<K, V> entry) {
            STARTED.get(hold).countDown();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            entry.setValue(entry.getValue());
            ENDED.put(hold, System.nanoTime());
            return null;
        }
    }
}
