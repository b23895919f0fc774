package io.flashsale.gridnode.held;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.flashsale.gridnode.cluster.OldestMember;
import io.flashsale.gridnode.cluster.SplitBrainWatch;
import io.flashsale.model.MapNames;
import io.flashsale.model.stock.ForgetJournal;
import io.flashsale.model.stock.ReleaseHeldUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.SegmentLevels;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.task.GridDatabase;
import io.flashsale.model.task.MemberTask;
import io.flashsale.model.task.PendingWrites;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Puts units held without an order back on sale. A purchase whose reservation outcome its app node could not learn,
 * and whose give-back it could not deliver (the segment's owner frozen, cut off or killed; the app node killed
 * itself), leaves units counted as sold with no order for them: never sold twice, but not sold at all, and the
 * sale's audit shows {@code sold} above {@code unitsInDatabase}. The chaos suite saw 0 to 9 of 3,000 per fault.
 *
 * <p>The oldest member compares, per sale, the units each segment counts as sold with the units the sale's orders
 * in MySQL hold from it (their allocations), and returns the difference, once nothing can turn held units into an
 * order any more:
 * <ol>
 *   <li>The sale's segments stay unchanged for {@code quiet} (no reservation, release or return). Then their
 *       journals are emptied ({@link ForgetJournal}, only if still unchanged): from here a request repeated late (a
 *       client retrying its Idempotency-Key) reserves anew, which changes the segment, instead of completing an
 *       order from units it reserved long before.</li>
 *   <li>They stay unchanged for {@code quiet} again, so that an order that a repeat just before the journal went
 *       was about to store has been stored (an order is stored again in the background for up to 5 minutes,
 *       {@code BackgroundRetries}); no order write is pending anywhere (write-behind flushed), so MySQL has every
 *       order the grid has. Then the units are counted and each segment's difference is returned
 *       ({@link ReleaseHeldUnits}, only if the segment is still exactly as counted).</li>
 * </ol>
 * Throughout, this member must be the oldest, accept writes (split-brain protection) and see no partition
 * migrating, or it starts over. A sale with orders whose allocation is unknown (rows written by another system) is
 * left alone; one with more units in orders than sold (oversold) is logged, never touched.
 */
public final class HeldUnits implements AutoCloseable {

    /** How often the oldest member looks at the sales' stock; more often when the quiet time is shorter. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(HeldUnits.class);

    private final HazelcastInstance member;
    private final GridDatabase database;
    private final long quietNanos;
    private final ScheduledExecutorService sweeper;
    /** Per sale, its segments as last seen and since when (this member's clock); only on the oldest member. */
    private final Map<String, Seen> seen = new HashMap<>();

    private HeldUnits(HazelcastInstance member, GridDatabase database, Duration quiet) {
        this.member = member;
        this.database = database;
        this.quietNanos = quiet.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                new BasicThreadFactory.Builder().namingPattern("held-units").daemon(true).build());
    }

    /** Starts sweeping on {@code member}. */
    public static HeldUnits start(HazelcastInstance member, GridDatabase database, Duration quiet) {
        HeldUnits held = new HeldUnits(member, database, quiet);
        long every = Math.min(SWEEP_EVERY.toMillis(), quiet.toMillis());
        held.sweeper.scheduleWithFixedDelay(held::sweepSafely, every, every, TimeUnit.MILLISECONDS);
        return held;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // Everything here is safe to repeat; the next sweep starts over.
            log.warn("Held-units sweep failed; trying again in the next one", e);
        }
    }

    /** One sweep; returns the units put back on sale. */
    int sweep() {
        if (!member.getLifecycleService().isRunning() || !OldestMember.isLocal(member)
                || !SplitBrainWatch.acceptsWrites(member) || !member.getPartitionService().isClusterSafe()) {
            seen.clear(); // quiet is measured again from here
            return 0;
        }
        IMap<StockKey, StockSegment> stock = member.getMap(MapNames.STOCK);
        Map<String, List<StockKey>> keysBySale = new HashMap<>();
        for (StockKey key : stock.keySet()) {
            keysBySale.computeIfAbsent(key.saleId(), sale -> new ArrayList<>()).add(key);
        }
        seen.keySet().retainAll(keysBySale.keySet());
        long now = System.nanoTime();
        int returned = 0;
        for (Map.Entry<String, List<StockKey>> sale : keysBySale.entrySet()) {
            Map<Integer, SegmentLevels> segments = new TreeMap<>(SegmentLevels.read(stock, sale.getValue()));
            switch (next(seen.get(sale.getKey()), segments, now, quietNanos)) {
                case WATCH -> seen.put(sale.getKey(), Seen.of(segments, now, Step.WATCHING));
                case FORGET_JOURNALS -> {
                    if (forgetJournals(sale.getKey(), segments)) {
                        seen.put(sale.getKey(), Seen.of(segments, now, Step.JOURNALS_FORGOTTEN));
                    }
                }
                case COUNT -> {
                    if (noOrderWritePending()) {
                        returned += putBack(sale.getKey(), segments);
                        seen.put(sale.getKey(), Seen.of(segments, now, Step.COUNTED)); // not again until it changes
                    }
                }
                case WAIT -> {
                }
            }
        }
        return returned;
    }

    /** What a sweep does next with a sale it saw as {@code before} (null: not yet) and sees as {@code segments} now. */
    static Action next(@Nullable Seen before, Map<Integer, SegmentLevels> segments, long now, long quietNanos) {
        if (before == null || !before.sameAs(segments)) {
            return Action.WATCH;
        }
        if (now - before.since < quietNanos) {
            return Action.WAIT;
        }
        return switch (before.step) {
            case WATCHING -> Action.FORGET_JOURNALS;
            case JOURNALS_FORGOTTEN -> Action.COUNT;
            case COUNTED -> Action.WAIT;
        };
    }

    /**
     * Per segment, the units it counts as sold beyond those its orders hold ({@code out}): held without an order.
     * Segments whose orders hold more than it sold (an oversell) are logged and left out: nothing is taken back.
     */
    static Map<Integer, Integer> heldBySegment(String saleId, Map<Integer, SegmentLevels> segments,
                                               GridDatabase.UnitsOut out) {
        Map<Integer, Integer> held = new TreeMap<>();
        segments.forEach((segment, value) -> {
            int inOrders = out.bySegment().getOrDefault(segment, 0);
            int units = value.sold() - inOrders;
            if (units < 0) {
                log.error("Sale {} segment {}: orders hold {} units, the segment counts {} sold: oversold by {}",
                        saleId, segment, inOrders, value.sold(), -units);
            } else if (units > 0) {
                held.put(segment, units);
            }
        });
        return held;
    }

    /** Whether every segment was still as seen (its journal is empty then). */
    private boolean forgetJournals(String saleId, Map<Integer, SegmentLevels> segments) {
        IMap<StockKey, StockSegment> stock = member.getMap(MapNames.STOCK);
        boolean allAsSeen = true;
        for (Map.Entry<Integer, SegmentLevels> entry : segments.entrySet()) {
            allAsSeen &= stock.executeOnKey(new StockKey(saleId, entry.getKey()), new ForgetJournal(entry.getValue()));
        }
        return allAsSeen;
    }

    private int putBack(String saleId, Map<Integer, SegmentLevels> segments) {
        GridDatabase.UnitsOut out = database.unitsOut(saleId);
        if (out.unallocated() > 0) {
            log.info("Sale {}: {} orders without an allocation; its held units, if any, are left as they are",
                    saleId, out.unallocated());
            return 0;
        }
        IMap<StockKey, StockSegment> stock = member.getMap(MapNames.STOCK);
        int returned = 0;
        for (Map.Entry<Integer, Integer> held : heldBySegment(saleId, segments, out).entrySet()) {
            SegmentLevels segment = segments.get(held.getKey());
            long correction = StockSegment.hashOf("held/" + saleId + "/" + held.getKey() + "/" + segment.sold() + "/"
                    + segment.remaining() + "/" + segment.cursor() + "/" + segment.returnCursor());
            int back = stock.executeOnKey(new StockKey(saleId, held.getKey()),
                    new ReleaseHeldUnits(segment, correction, held.getValue()));
            if (back > 0) {
                log.info("Sale {} segment {}: {} units held without an order put back on sale (sold {}, in orders"
                        + " {})", saleId, held.getKey(), back, segment.sold(), segment.sold() - held.getValue());
                returned += back;
            }
        }
        return returned;
    }

    private boolean noOrderWritePending() {
        try {
            return PendingWrites.acrossMembers(member.getExecutorService(MemberTask.EXECUTOR), Duration.ofSeconds(10))
                    .getOrDefault(MapNames.ORDERS, 0L) == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.debug("Could not ask every member for its pending order writes", e);
            return false;
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    enum Step { WATCHING, JOURNALS_FORGOTTEN, COUNTED }

    /** What a sweep does with a sale: see {@link #next}. */
    enum Action { WATCH, WAIT, FORGET_JOURNALS, COUNT }

    /**
     * A sale's segments as seen since {@code since} (remaining, sold and both cursors, which every change moves), and
     * how far the sweep has come with them.
     */
    record Seen(Map<Integer, long[]> fingerprints, long since, Step step) {

        static Seen of(Map<Integer, SegmentLevels> segments, long since, Step step) {
            return new Seen(fingerprintsOf(segments), since, step);
        }

        boolean sameAs(Map<Integer, SegmentLevels> segments) {
            Map<Integer, long[]> now = fingerprintsOf(segments);
            if (!now.keySet().equals(fingerprints.keySet())) {
                return false;
            }
            for (Map.Entry<Integer, long[]> entry : now.entrySet()) {
                if (!Arrays.equals(entry.getValue(), fingerprints.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        private static Map<Integer, long[]> fingerprintsOf(Map<Integer, SegmentLevels> segments) {
            Map<Integer, long[]> fingerprints = new TreeMap<>();
            segments.forEach((segment, value) -> fingerprints.put(segment, new long[] {value.remaining(),
                    value.sold(), value.cursor(), value.returnCursor()}));
            return fingerprints;
        }
    }
}
