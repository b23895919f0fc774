package io.flashsale.gridnode.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

import java.util.Iterator;

/**
 * The cluster's oldest member runs the jobs there must be one of (the binlog reader, the expiry's database sweep).
 * Every member sees the same member list in the same order, so they agree on it without a vote; when it leaves,
 * the next oldest is it.
 */
public final class OldestMember {

    private OldestMember() {
    }

    /** Whether {@code member} is the oldest member of its cluster now. */
    public static boolean isLocal(HazelcastInstance member) {
        Iterator<Member> members = member.getCluster().getMembers().iterator();
        return members.hasNext() && members.next().localMember();
    }
}
