package io.flashsale.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: {@code callers} threads each send the next purchase as soon as the last one answered, for a
 * fixed time. This measures a design's capacity at a given concurrency, the same concurrency for every design.
 * (A closed loop hides queueing delay; the open-model HTTP simulator is for latency under offered load.)
 */
final class ClosedLoop {

    /** Throughput, latency and outcomes of one run. */
    record Result(String design, int callers, double seconds, long purchases, Map<PurchaseBackend.Outcome, Long> outcomes,
                  long acceptedUnits, long errors, Histogram latencyMicros) {

        double perSecond() {
            return purchases / seconds;
        }

        double acceptedPerSecond() {
            return outcomes.getOrDefault(PurchaseBackend.Outcome.ACCEPTED, 0L) / seconds;
        }
    }

    private ClosedLoop() {
    }

    /**
     * Runs purchases by users drawn at random from {@code users} ids, one unit each, against {@code saleId}.
     */
    static Result run(PurchaseBackend backend, String saleId, int callers, double seconds, int users)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Map<PurchaseBackend.Outcome, LongAdder> counts = new EnumMap<>(PurchaseBackend.Outcome.class);
        for (PurchaseBackend.Outcome outcome : PurchaseBackend.Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
        LongAdder errors = new LongAdder();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    String user = "u" + random.nextInt(users);
                    long t0 = System.nanoTime();
                    try {
                        counts.get(backend.purchase(saleId, user, 1)).increment();
                        recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                    } catch (Exception e) {
                        errors.increment();
                    }
                }
            }, "caller-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<PurchaseBackend.Outcome, Long> outcomes = new EnumMap<>(PurchaseBackend.Outcome.class);
        counts.forEach((k, v) -> outcomes.put(k, v.sum()));
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        return new Result(backend.name(), callers, elapsed, total, outcomes,
                outcomes.get(PurchaseBackend.Outcome.ACCEPTED), errors.sum(), recorder.getIntervalHistogram());
    }
}
