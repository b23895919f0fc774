package io.flashsale.app.cart;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import io.flashsale.model.MapNames;
import io.flashsale.model.cart.Cart;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server-sent event streams of carts open on this node. A user's streams share one grid entry listener on the
 * user's cart key (registered with the first stream, removed with the last), so every change, from whichever app
 * node made it, reaches every device. Each stream sends in order from a queue of its own, on a shared pool, never on
 * Hazelcast's event thread: a client that stops reading (its socket's buffers full, a send blocked) costs only its
 * own stream, which is dropped once a send has taken {@link #SEND_TIMEOUT} or {@link #MAX_QUEUED} events wait for
 * it. A comment every {@link #HEARTBEAT_SECONDS} s finds streams whose client is gone. At most {@code cart-streams}
 * streams per node: past that, 503 with {@code Retry-After}.
 */
@Component
class CartStreams {

    static final long HEARTBEAT_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(CartStreams.class);

    private final IMap<String, Cart> carts;
    private final int maxStreams;
    private final long timeoutMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Subscription> byUser = new ConcurrentHashMap<>();
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_QUEUED = 64;
    /** Streams one buyer may hold open on one node (a phone, a laptop, a few tabs), whatever the node's bound. */
    static final int PER_BUYER = 5;

    /** Heartbeats and the watch over sends that take too long. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new BasicThreadFactory.Builder().namingPattern("cart-events-timer").daemon(true).build());
    /**
     * The sends, a thread per stream that is sending right now: a blocked send holds its thread (the servlet
     * output is blocking) until it is dropped and its write fails, never another stream's.
     */
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cart-events");
        thread.setDaemon(true);
        return thread;
    });

    /** The streams of one user on this node, and their listener. */
    private static final class Subscription {
        final Set<Stream> streams = new CopyOnWriteArraySet<>();
        UUID listener;
    }

    /** One open stream: its events in order, sent by one task at a time. */
    private final class Stream {
        final SseEmitter emitter;
        final Queue<SseEmitter.SseEventBuilder> queued = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
        final AtomicBoolean sending = new AtomicBoolean();
        volatile long sendStartedNanos;
        volatile boolean dropped;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void enqueue(SseEmitter.SseEventBuilder event) {
            if (dropped) {
                return;
            }
            if (size.incrementAndGet() > MAX_QUEUED) {
                drop("its client reads too slowly (" + MAX_QUEUED + " events waiting)");
                return;
            }
            queued.add(event);
            if (sending.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }

        private void drain() {
            try {
                for (SseEmitter.SseEventBuilder event; !dropped && (event = queued.poll()) != null; ) {
                    size.decrementAndGet();
                    sendStartedNanos = System.nanoTime();
                    try {
                        emitter.send(event);
                    } catch (IOException | IllegalStateException e) {
                        drop("its client is gone");
                    } finally {
                        sendStartedNanos = 0;
                    }
                }
            } finally {
                sending.set(false);
            }
            if (!dropped && !queued.isEmpty() && sending.compareAndSet(false, true)) {
                senders.execute(this::drain); // an event queued after the loop ended, before the flag was cleared
            }
        }

        boolean stuck(long now) {
            long started = sendStartedNanos;
            return started != 0 && now - started > SEND_TIMEOUT.toNanos();
        }

        void drop(String why) {
            if (!dropped) {
                dropped = true;
                queued.clear();
                log.debug("Dropping a cart event stream: {}", why);
                emitter.completeWithError(new IOException("cart event stream dropped: " + why));
            }
        }
    }

    CartStreams(HazelcastInstance hazelcast, FlashSaleProperties properties, MeterRegistry meters) {
        this.carts = hazelcast.getMap(MapNames.CARTS);
        this.maxStreams = properties.cartStreams();
        this.timeoutMillis = properties.cartStreamTimeout().toMillis();
        Gauge.builder("flashsale.cart.streams", open, AtomicInteger::get)
                .description("Cart event streams open on this node").register(meters);
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::dropStuck, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens a stream of {@code userId}'s cart, starting with the cart as it is now: read after the listener is in
     * place, so no change falls between the two (a change may arrive twice; its version tells).
     */
    SseEmitter open(String userId, Supplier<Cart> current) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new TooManyStreams(maxStreams);
        }
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Stream stream = new Stream(emitter);
        try {
            subscribe(userId, stream);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        Runnable close = () -> unsubscribe(userId, stream);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        Cart now;
        try {
            now = current.get();
        } catch (RuntimeException e) {
            unsubscribe(userId, stream);
            throw e;
        }
        stream.enqueue(event(now));
        return emitter;
    }

    private void subscribe(String userId, Stream stream) {
        byUser.compute(userId, (user, subscription) -> {
            Subscription s = subscription != null ? subscription : new Subscription();
            if (s.streams.size() >= PER_BUYER) {
                throw new TooManyStreamsOfBuyer();
            }
            if (s.listener == null) {
                s.listener = carts.addEntryListener(new Changes(user), user, true);
            }
            s.streams.add(stream);
            return s;
        });
    }

    private void unsubscribe(String userId, Stream stream) {
        stream.dropped = true;
        byUser.computeIfPresent(userId, (user, s) -> {
            if (!s.streams.remove(stream)) {
                return s;
            }
            open.decrementAndGet();
            if (!s.streams.isEmpty()) {
                return s;
            }
            try {
                carts.removeEntryListener(s.listener);
            } catch (RuntimeException e) {
                log.debug("Could not remove the cart listener of {}", user, e);
            }
            return null;
        });
    }

    /** Changes of one user's cart, from the grid. */
    private final class Changes implements EntryAddedListener<String, Cart>, EntryUpdatedListener<String, Cart> {
        private final String userId;

        Changes(String userId) {
            this.userId = userId;
        }

        @Override
        public void entryAdded(EntryEvent<String, Cart> event) {
            publish(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Cart> event) {
            publish(event.getValue());
        }

        private void publish(Cart cart) {
            Subscription subscription = byUser.get(userId);
            if (subscription != null && cart != null) {
                for (Stream stream : subscription.streams) {
                    stream.enqueue(event(cart));
                }
            }
        }
    }

    private static SseEmitter.SseEventBuilder event(Cart cart) {
        return SseEmitter.event().name("cart").id(String.valueOf(cart.version()))
                .data(CartView.of(cart), MediaType.APPLICATION_JSON);
    }

    private void heartbeat() {
        for (Subscription subscription : byUser.values()) {
            for (Stream stream : subscription.streams) {
                stream.enqueue(SseEmitter.event().comment("alive"));
            }
        }
    }

    private void dropStuck() {
        long now = System.nanoTime();
        for (Subscription subscription : byUser.values()) {
            for (Stream stream : subscription.streams) {
                if (stream.stuck(now)) {
                    stream.drop("a send took over " + SEND_TIMEOUT);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        senders.shutdownNow();
        byUser.values().forEach(s -> s.streams.forEach(stream -> stream.emitter.complete()));
    }

    /** 429 {@code rate-limited}: this buyer holds {@link #PER_BUYER} streams on this node already. */
    static final class TooManyStreamsOfBuyer extends Problem {
        TooManyStreamsOfBuyer() {
            super(ProblemType.RATE_LIMITED,
                    "a buyer may hold " + PER_BUYER + " cart event streams open on one node; close one first");
        }

        @Override
        public long retryAfterSeconds() {
            return 5;
        }
    }

    /** 503 {@code unavailable}: this node holds as many event streams as it may. */
    static final class TooManyStreams extends Problem {
        TooManyStreams(int max) {
            super(ProblemType.UNAVAILABLE,
                    "this node holds its " + max + " cart event streams; try again or another node");
        }

        @Override
        public long retryAfterSeconds() {
            return 5;
        }
    }
}
