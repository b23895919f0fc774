package io.flashsale.model.task;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.util.concurrent.Callable;

/**
 * A task that an app node runs on a member through an {@code IExecutorService}. IdentifiedDataSerializable rather
 * than a record: it needs the member's {@link HazelcastInstance} injected, and no Java serialization is involved.
 */
public abstract class MemberTask<T> implements Callable<T>, HazelcastInstanceAware, IdentifiedDataSerializable {

    /** Name of the executor that runs these tasks (small pool: they do database queries). */
    public static final String EXECUTOR = "flashsale-tasks";

    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    protected HazelcastInstance hazelcast() {
        return hazelcast;
    }

    protected GridDatabase database() {
        Object database = hazelcast.getUserContext().get(GridDatabase.USER_CONTEXT_KEY);
        if (!(database instanceof GridDatabase gridDatabase)) {
            throw new IllegalStateException("member " + hazelcast.getName() + " has no database configured");
        }
        return gridDatabase;
    }

    @Override
    public int getFactoryId() {
        return GridTasks.FACTORY_ID;
    }
}
