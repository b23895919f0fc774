package io.flashsale.config;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the grid is and what it is called, read from the environment variables of the contract
 * ({@code FLASHSALE_CLUSTER_NAME}, {@code FLASHSALE_MEMBERS}, {@code FLASHSALE_PORT}, {@code FLASHSALE_INTERFACE}),
 * so that members and clients agree without a shared file.
 *
 * @param clusterName Hazelcast cluster name; members and clients of another name are refused
 * @param members     {@code host:port} of the members to join (TCP/IP join; multicast is off)
 * @param port        this member's port
 * @param bindInterface the interface a member binds to, or {@code null} to bind to all
 * @param negativeCacheSeconds {@code FLASHSALE_NEGATIVE_CACHE_SECONDS}: how long a member remembers that a product or
 *                    sale id is not in the database (default 30)
 * @param loadedTtlSeconds {@code FLASHSALE_LOADED_TTL_SECONDS}: how long a product or sale read from the database
 *                    stays in the grid (default 600; a sale stays at least until it ends)
 * @param ttlJitterPercent {@code FLASHSALE_TTL_JITTER_PERCENT}: each loaded entry's time-to-live is moved by up to
 *                    this share, so that entries loaded together do not expire together (default 20)
 * @param paymentWindow {@code FLASHSALE_PAYMENT_WINDOW} (ISO-8601): how long an accepted order waits for payment
 *                    before it expires and its units go back on sale (default PT15M)
 * @param changeCapture {@code FLASHSALE_CDC}: whether the members follow MySQL's binlog and apply changes of
 *                    products and sales made outside the grid (default true; needs a binlog, see docs/DESIGN.md)
 * @param minMembers {@code FLASHSALE_MIN_MEMBERS}: split-brain protection; with fewer members than this in sight
 *                    a member refuses writes to stock and orders (default 1: off; a majority of the
 *                    cluster, e.g. 2 of 3, in production)
 * @param backupCount {@code FLASHSALE_BACKUP_COUNT}: synchronous backups of stock (claims included), orders, carts
 *                    and the other maps that must survive a member (default 1; see {@link #splitBrainRisks})
 * @param heldUnitsQuiet {@code FLASHSALE_HELD_UNITS_QUIET} (ISO-8601): how long a sale's stock must stay unchanged
 *                    before units held without an order are put back on sale by the members' held-units sweep
 *                    (default PT10M; keep it above 5 minutes, the time an order is stored again in the background)
 */
public record GridSettings(String clusterName, List<String> members, int port, @Nullable String bindInterface,
                           int negativeCacheSeconds, int loadedTtlSeconds, int ttlJitterPercent,
                           Duration paymentWindow, boolean changeCapture, int minMembers, int backupCount,
                           Duration heldUnitsQuiet) {

    public static final String DEFAULT_CLUSTER_NAME = "flashsale";
    /** How long a sale's segments must stay unchanged before its held units are counted, unless configured. */
    public static final Duration DEFAULT_HELD_UNITS_QUIET = Duration.ofMinutes(10);
    public static final String DEFAULT_MEMBERS = "127.0.0.1:5701";
    public static final int DEFAULT_PORT = 5701;
    public static final int DEFAULT_NEGATIVE_CACHE_SECONDS = 30;
    public static final int DEFAULT_LOADED_TTL_SECONDS = 600;
    public static final int DEFAULT_TTL_JITTER_PERCENT = 20;
    public static final Duration DEFAULT_PAYMENT_WINDOW = Duration.ofMinutes(15);
    /** Hazelcast's limit on synchronous backups. */
    public static final int MAX_BACKUP_COUNT = 6;

    public GridSettings {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("at least one member address is needed, got " + members);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
        if (negativeCacheSeconds < 1 || loadedTtlSeconds < 1) {
            throw new IllegalArgumentException("cache times must be >= 1 s, got " + negativeCacheSeconds + " and "
                    + loadedTtlSeconds);
        }
        if (ttlJitterPercent < 0 || ttlJitterPercent > 90) {
            throw new IllegalArgumentException("TTL jitter must be in 0..90 %, got " + ttlJitterPercent);
        }
        if (minMembers < 1) {
            throw new IllegalArgumentException("the minimum number of members must be >= 1, got " + minMembers);
        }
        if (paymentWindow == null || paymentWindow.isNegative() || paymentWindow.isZero()) {
            throw new IllegalArgumentException("the payment window must be positive, got " + paymentWindow);
        }
        if (backupCount < 1 || backupCount > MAX_BACKUP_COUNT) {
            throw new IllegalArgumentException("the backup count must be in 1.." + MAX_BACKUP_COUNT + ", got "
                    + backupCount);
        }
        if (heldUnitsQuiet == null || heldUnitsQuiet.isNegative() || heldUnitsQuiet.isZero()) {
            throw new IllegalArgumentException("the held-units quiet time must be positive, got " + heldUnitsQuiet);
        }
        members = List.copyOf(members);
    }

    /** Reads the settings from {@code env} (normally {@link System#getenv()}), with the contract's defaults. */
    public static GridSettings fromEnvironment(Map<String, String> env) {
        String members = env.getOrDefault("FLASHSALE_MEMBERS", DEFAULT_MEMBERS);
        List<String> addresses = Arrays.stream(members.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        String port = env.getOrDefault("FLASHSALE_PORT", String.valueOf(DEFAULT_PORT));
        int parsedPort;
        try {
            parsedPort = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FLASHSALE_PORT must be a number, got '" + port + "'", e);
        }
        String bind = env.get("FLASHSALE_INTERFACE");
        if (bind == null || bind.isBlank()) {
            bind = allLoopback(addresses) ? "127.0.0.1" : null;
        }
        return new GridSettings(env.getOrDefault("FLASHSALE_CLUSTER_NAME", DEFAULT_CLUSTER_NAME),
                addresses, parsedPort, bind,
                number(env, "FLASHSALE_NEGATIVE_CACHE_SECONDS", DEFAULT_NEGATIVE_CACHE_SECONDS),
                number(env, "FLASHSALE_LOADED_TTL_SECONDS", DEFAULT_LOADED_TTL_SECONDS),
                number(env, "FLASHSALE_TTL_JITTER_PERCENT", DEFAULT_TTL_JITTER_PERCENT),
                duration(env, "FLASHSALE_PAYMENT_WINDOW", DEFAULT_PAYMENT_WINDOW),
                !"false".equalsIgnoreCase(env.getOrDefault("FLASHSALE_CDC", "true").trim()),
                number(env, "FLASHSALE_MIN_MEMBERS", 1),
                number(env, "FLASHSALE_BACKUP_COUNT", 1),
                duration(env, "FLASHSALE_HELD_UNITS_QUIET", DEFAULT_HELD_UNITS_QUIET));
    }

    private static Duration duration(Map<String, String> env, String name, Duration defaultValue) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? defaultValue : Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static int number(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    /** A local cluster needs nothing outside loopback: binding there keeps it off the network by default. */
    private static boolean allLoopback(List<String> addresses) {
        return addresses.stream().map(a -> a.contains(":") ? a.substring(0, a.lastIndexOf(':')) : a)
                .allMatch(h -> h.equals("localhost") || h.startsWith("127."));
    }

    /** A copy for another member of the same cluster, listening on {@code otherPort}. */
    public GridSettings withPort(int otherPort) {
        return new GridSettings(clusterName, members, otherPort, bindInterface, negativeCacheSeconds,
                loadedTtlSeconds, ttlJitterPercent, paymentWindow, changeCapture, minMembers, backupCount,
                heldUnitsQuiet);
    }

    /**
     * What this cluster's settings leave open to a split brain, as sentences for the log; empty when nothing. The
     * cluster is taken to be the members listed in {@code FLASHSALE_MEMBERS}.
     * <ul>
     *   <li>{@code FLASHSALE_MIN_MEMBERS} not a majority: both sides of a split can take writes.</li>
     *   <li>A side cut off from the majority has at most {@code members - minMembers} members. If that many can
     *       hold every replica of a partition ({@code backupCount + 1} of them), that side acknowledges purchases on
     *       it in the seconds before it refuses writes, and the majority has no copy of that partition meanwhile
     *       (it reloads it from MySQL): the merge can then oversell. With more replicas than that, a cut-off side
     *       always misses a backup's acknowledgement and acknowledges nothing.</li>
     * </ul>
     */
    public List<String> splitBrainRisks() {
        if (minMembers <= 1) {
            // Two members have no majority to protect: either the sale stops with one of them, or both sides sell.
            return members.size() >= 3 ? List.of("FLASHSALE_MIN_MEMBERS is not set: both sides of a split brain take"
                    + " purchases, and their merge can oversell; set it to a majority of the " + members.size()
                    + " members") : List.of();
        }
        List<String> risks = new ArrayList<>();
        if (minMembers * 2 <= members.size()) {
            risks.add("FLASHSALE_MIN_MEMBERS=" + minMembers + " is not a majority of the " + members.size()
                    + " members: both sides of a split brain can take purchases");
        }
        int smallSide = members.size() - minMembers;
        if (backupCount + 1 <= smallSide) {
            risks.add("a cut-off side of up to " + smallSide + " members can hold all " + (backupCount + 1)
                    + " replicas of a partition and acknowledge purchases until it notices the split; set"
                    + " FLASHSALE_BACKUP_COUNT to at least " + smallSide);
        }
        return risks;
    }
}
