package io.flashsale.app.grid;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import io.flashsale.app.web.GridUnavailable;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs an idempotent grid call, trying again when the grid failed in passing (a member left mid-call, a backup
 * did not acknowledge, a call timed out). Only for calls that are safe to repeat: the purchase path's processors
 * carry request ids and {@code putIfAbsent} is its own guard. What still fails becomes {@link GridUnavailable}.
 */
public final class GridCalls {

    static final int ATTEMPTS = 3;

    private GridCalls() {
    }

    public static <T> T idempotent(String what, Supplier<T> call) {
        HazelcastException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return call.get();
            } catch (HazelcastSerializationException | HazelcastInstanceNotActiveException e) {
                throw new GridUnavailable(what + " failed", e); // a bug or a closed client: repeating won't help
            } catch (HazelcastException e) {
                last = e;
                LockSupport.parkNanos(20_000_000L * attempt);
            }
        }
        throw new GridUnavailable(what + " failed " + ATTEMPTS + " times", last);
    }
}
