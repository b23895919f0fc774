package io.flashsale.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of an app node, bound from {@code application.properties}, which maps the contract's environment
 * variables onto them.
 *
 * @param clusterName    {@code FLASHSALE_CLUSTER_NAME}
 * @param members        {@code FLASHSALE_MEMBERS}, comma-separated {@code host:port}
 * @param adminToken     {@code FLASHSALE_ADMIN_TOKEN}; blank means: generate one at start-up and log it once
 * @param paymentWindow  {@code FLASHSALE_PAYMENT_WINDOW}
 * @param productMaxAge  {@code Cache-Control: max-age} of product pages, for CDNs
 * @param remainingMaxAge how old the {@code remaining} of a sale may be (API: may lag up to one second)
 * @param flushTimeout   how long {@code POST /api/admin/flush} waits for the database before answering 503
 * @param cartStreams    how many cart event streams one node holds open at most (past that: 503)
 * @param cartStreamTimeout how long a cart event stream stays open before the client must reconnect
 * @param bodyReadTimeout how long a client may take to send a request's body (past that: 408)
 */
@ConfigurationProperties("flashsale")
public record FlashSaleProperties(
        @DefaultValue("flashsale") String clusterName,
        @DefaultValue("127.0.0.1:5701") String members,
        @DefaultValue("") String adminToken,
        @DefaultValue("PT15M") Duration paymentWindow,
        @DefaultValue("PT10S") Duration productMaxAge,
        @DefaultValue("PT0.5S") Duration remainingMaxAge,
        @DefaultValue("PT60S") Duration flushTimeout,
        @DefaultValue("1000") int cartStreams,
        @DefaultValue("PT30M") Duration cartStreamTimeout,
        @DefaultValue("PT10S") Duration bodyReadTimeout) {
}
