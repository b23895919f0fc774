package io.flashsale.purchase;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs an idempotent grid call, trying again when the grid failed in passing (a member left mid-call, a backup
 * did not acknowledge, a call timed out). Only for calls that are safe to repeat: the purchase path's processors
 * carry request ids, and an order id is written by one request only. What still fails becomes {@link GridCallFailed}.
 */
final class GridCalls {

    static final int ATTEMPTS = 3;

    private GridCalls() {
    }

    static <T> T idempotent(String what, Supplier<T> call) {
        HazelcastException last = null;
        boolean allRefused = true;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return call.get();
            } catch (HazelcastSerializationException | HazelcastInstanceNotActiveException
                     | HazelcastClientOfflineException e) {
                // A bug, a closed client, or a client cut off from the grid (it reconnects in the background and
                // fails calls at once meanwhile): repeating now won't help.
                throw new GridCallFailed(what + " failed", e);
            } catch (HazelcastException e) {
                last = e;
                allRefused &= e instanceof SplitBrainProtectionException; // refused before it was applied
                LockSupport.parkNanos(20_000_000L * attempt);
            }
        }
        throw new GridCallFailed(what + " failed " + ATTEMPTS + " times", last, allRefused);
    }
}
