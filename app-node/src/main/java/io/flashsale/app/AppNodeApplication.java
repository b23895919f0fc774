package io.flashsale.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code java -jar app-node/target/app-node.jar}: the REST service of the contract, a Hazelcast client of the grid
 * named by {@code FLASHSALE_MEMBERS} and {@code FLASHSALE_CLUSTER_NAME}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AppNodeApplication {

    public static void main(String[] args) {
        // Hazelcast completes async calls on the common pool, which has one thread on a 2-core machine; measured
        // here: 6.6k async grid calls/s with it, 237k with parallelism 2. Must be set before the pool is touched.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8"));
        SpringApplication.run(AppNodeApplication.class, args);
    }
}
