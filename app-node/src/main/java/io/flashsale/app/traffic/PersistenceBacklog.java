package io.flashsale.app.traffic;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.model.task.MemberTask;
import io.flashsale.model.task.PendingWrites;
import jakarta.annotation.PreDestroy;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How many entries wait for write-behind across the members, read every {@code backlog-poll-interval}. Past
 * {@code backlog-limit} (the database is down or too slow) purchases are refused with 503 before the members' memory
 * fills with orders that cannot be stored; accepted orders stay queued and are stored when the database is back,
 * and purchases resume by themselves once the backlog is under the limit again.
 */
@Component
public class PersistenceBacklog {

    private static final Logger log = LoggerFactory.getLogger(PersistenceBacklog.class);

    private final HazelcastInstance hazelcast;
    private final long limit;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("persistence-backlog").daemon(true).build());
    private volatile long pending;
    private volatile Map<String, Long> pendingByMap = Map.of();

    PersistenceBacklog(HazelcastInstance hazelcast, TrafficProperties properties) {
        this.hazelcast = hazelcast;
        this.limit = properties.backlogLimit();
        long every = properties.backlogPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Entries waiting for write-behind at the last reading. */
    public long pending() {
        return pending;
    }

    /** Entries waiting for write-behind at the last reading, by map. */
    public Map<String, Long> pendingByMap() {
        return pendingByMap;
    }

    /** Whether purchases should wait: the backlog is past its limit. */
    public boolean full() {
        return pending > limit;
    }

    public long limit() {
        return limit;
    }

    private void poll() {
        try {
            Map<String, Long> byMap = PendingWrites.acrossMembers(hazelcast.getExecutorService(MemberTask.EXECUTOR),
                    Duration.ofSeconds(2));
            long total = byMap.values().stream().mapToLong(Long::longValue).sum();
            if ((total > limit) != (pending > limit)) {
                log.warn("Write-behind backlog {} entries (limit {}): purchases {}", total, limit,
                        total > limit ? "refused with 503" : "resumed");
            }
            pendingByMap = Collections.unmodifiableMap(byMap);
            pending = total;
        } catch (Exception e) {
            // The grid is unreachable: the circuit breaker deals with that; keep the last reading.
            log.debug("Could not read the write-behind backlog", e);
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
