package io.flashsale.app.traffic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How an app node turns overload into fast 429s and 503s ({@code flashsale.traffic.*}).
 *
 * @param ratePerSecond        {@code FLASHSALE_RATE_LIMIT_PER_SECOND}: purchase requests per second per sale, for
 *                             the whole cluster (one token bucket in the grid, shared by all app nodes)
 * @param burst                {@code FLASHSALE_RATE_LIMIT_BURST}: the bucket's capacity
 * @param userRatePerSecond    purchase requests per second of one user on one app node
 * @param userBurst            capacity of a user's bucket
 * @param userBuckets          users whose buckets an app node remembers (least recently used ones are forgotten)
 * @param gridBudget           the longest a purchase waits in its batch's queue before it is shed with a 503
 * @param errorRatePercent     failed purchases (grid errors, percent, over {@code breakerWindow}) that open the
 *                             circuit: purchases are then shed at once, reads keep coming from the near cache
 * @param slowCall             a purchase slower than this counts as slow; half of them slow opens the circuit too.
 *                             Longer than a member failure's migration pause (about a second here), so that a
 *                             node dying mid-sale does not shed the sale
 * @param breakerWindow        the window the error rate is measured over
 * @param breakerMinimumCalls  calls in the window before the rate counts
 * @param breakerOpenFor       how long the circuit stays open before it lets probes through
 * @param backlogLimit         entries waiting for write-behind (all members) above which purchases get 503
 * @param backlogPollInterval  how often the backlog is read from the members
 */
@ConfigurationProperties("flashsale.traffic")
public record TrafficProperties(
        @DefaultValue("1000") int ratePerSecond,
        @DefaultValue("2000") int burst,
        @DefaultValue("5") int userRatePerSecond,
        @DefaultValue("10") int userBurst,
        @DefaultValue("100000") int userBuckets,
        @DefaultValue("PT0.5S") Duration gridBudget,
        @DefaultValue("10") int errorRatePercent,
        @DefaultValue("PT2S") Duration slowCall,
        @DefaultValue("PT10S") Duration breakerWindow,
        @DefaultValue("20") int breakerMinimumCalls,
        @DefaultValue("PT2S") Duration breakerOpenFor,
        @DefaultValue("200000") long backlogLimit,
        @DefaultValue("PT0.5S") Duration backlogPollInterval) {
}
