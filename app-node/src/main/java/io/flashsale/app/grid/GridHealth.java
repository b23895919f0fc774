package io.flashsale.app.grid;

import com.hazelcast.core.HazelcastInstance;
import io.flashsale.model.task.DatabasePing;
import io.flashsale.model.task.MemberTask;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** Health components {@code grid} (the client is connected to members) and {@code database} (as members see it). */
@Configuration(proxyBeanMethods = false)
class GridHealth {

    /** Serving, with a part of the system down that it can do without for a while (HTTP 200). */
    static final Status DEGRADED = new Status("DEGRADED");

    @Bean
    HealthIndicator grid(HazelcastInstance hazelcast) {
        return () -> {
            if (!hazelcast.getLifecycleService().isRunning()) {
                return Health.down().withDetail("client", "not running").build();
            }
            int members = hazelcast.getCluster().getMembers().size();
            return (members > 0 ? Health.up() : Health.down()).withDetail("members", members).build();
        };
    }

    /**
     * App nodes hold no JDBC pool: a member runs the check against its own pool. A database that does not answer
     * is {@link #DEGRADED}, not down: purchases go on (write-behind holds them until it is back), so the node stays
     * in service and ready; only the audit and read-through of unknown rows wait.
     */
    @Bean
    HealthIndicator database(HazelcastInstance hazelcast) {
        return () -> {
            try {
                hazelcast.getExecutorService(MemberTask.EXECUTOR).submit(new DatabasePing()).get(2, TimeUnit.SECONDS);
                return Health.up().build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.status(DEGRADED).build();
            } catch (Exception e) {
                return Health.status(DEGRADED).build();
            }
        };
    }
}
