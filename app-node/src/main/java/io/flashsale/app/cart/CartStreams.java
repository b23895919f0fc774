package io.flashsale.app.cart;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.web.Problem;
import io.flashsale.grid.MapNames;
import io.flashsale.grid.cart.Cart;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server-sent event streams of carts open on this node. A user's streams share one grid entry listener on the
 * user's cart key (registered with the first stream, removed with the last), so every change, from whichever app
 * node made it, reaches every device. Sends run on one thread of their own, not on Hazelcast's event thread, so a
 * slow client cannot hold up other events; a comment every {@link #HEARTBEAT_SECONDS} s finds streams whose client
 * is gone. At most {@code cart-streams} streams per node: past that, 503 with {@code Retry-After}.
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
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cart-events");
        thread.setDaemon(true);
        return thread;
    });

    /** The streams of one user on this node, and their listener. */
    private static final class Subscription {
        final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();
        UUID listener;
    }

    CartStreams(HazelcastInstance hazelcast, FlashSaleProperties properties, MeterRegistry meters) {
        this.carts = hazelcast.getMap(MapNames.CARTS);
        this.maxStreams = properties.cartStreams();
        this.timeoutMillis = properties.cartStreamTimeout().toMillis();
        Gauge.builder("flashsale.cart.streams", open, AtomicInteger::get)
                .description("Cart event streams open on this node").register(meters);
        sender.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
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
        try {
            subscribe(userId, emitter);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        Runnable close = () -> unsubscribe(userId, emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        Cart now;
        try {
            now = current.get();
        } catch (RuntimeException e) {
            unsubscribe(userId, emitter);
            throw e;
        }
        sender.execute(() -> send(emitter, now));
        return emitter;
    }

    private void subscribe(String userId, SseEmitter emitter) {
        byUser.compute(userId, (user, subscription) -> {
            Subscription s = subscription != null ? subscription : new Subscription();
            if (s.listener == null) {
                s.listener = carts.addEntryListener(new Changes(user), user, true);
            }
            s.emitters.add(emitter);
            return s;
        });
    }

    private void unsubscribe(String userId, SseEmitter emitter) {
        byUser.computeIfPresent(userId, (user, s) -> {
            if (!s.emitters.remove(emitter)) {
                return s;
            }
            open.decrementAndGet();
            if (!s.emitters.isEmpty()) {
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
                for (SseEmitter emitter : subscription.emitters) {
                    sender.execute(() -> send(emitter, cart));
                }
            }
        }
    }

    private void send(SseEmitter emitter, Cart cart) {
        try {
            emitter.send(SseEmitter.event().name("cart").id(String.valueOf(cart.version()))
                    .data(CartView.of(cart), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e); // the client is gone; onError unsubscribes
        }
    }

    private void heartbeat() {
        for (Subscription subscription : byUser.values()) {
            for (SseEmitter emitter : subscription.emitters) {
                try {
                    emitter.send(SseEmitter.event().comment("alive"));
                } catch (IOException | IllegalStateException e) {
                    emitter.completeWithError(e);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
        byUser.values().forEach(s -> s.emitters.forEach(SseEmitter::complete));
    }

    /** 503 {@code unavailable}: this node holds as many event streams as it may. */
    static final class TooManyStreams extends Problem {
        TooManyStreams(int max) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "this node holds its " + max + " cart event streams; try again or another node");
        }

        @Override
        public long retryAfterSeconds() {
            return 5;
        }
    }
}
