package io.flashsale.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.flashsale.model.MapNames;
import io.flashsale.model.claim.ClaimUnits;
import io.flashsale.model.claim.ReleaseClaim;
import io.flashsale.model.claim.UserClaim;
import io.flashsale.model.claim.UserClaimKey;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.SegmentChange;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.TryReserve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EntryProcessors on real members (two, backups on) called from a real client, configured by
 * {@link MemberConfigs} and {@link ClientConfigs} without map stores.
 */
class GridProcessorsIT {

    @RegisterExtension
    static final TestGrid GRID = new TestGrid("processors");

    @Test
    void aReExecutedReservationDecrementsOnce() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = new StockKey("re-executed", 0);
        stock.set(key, StockSegment.initial(10));

        Reservation first = stock.executeOnKey(key, new TryReserve(12345, 2));
        Reservation again = stock.executeOnKey(key, new TryReserve(12345, 2));

        assertThat(first.units()).isEqualTo(2);
        assertThat(first.repeated()).isFalse();
        assertThat(again.units()).isEqualTo(2);
        assertThat(again.repeated()).isTrue();
        assertThat(stock.get(key).remaining()).isEqualTo(8);
        assertThat(stock.get(key).sold()).isEqualTo(2);
    }

    @Test
    void concurrentBuyersOfOneHotSegmentNeverTakeMoreThanItHolds() throws Exception {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = new StockKey("hot", 0);
        stock.set(key, StockSegment.initial(500));
        AtomicLong requestIds = new AtomicLong(1);
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        List<Future<Integer>> taken = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            taken.add(buyers.submit(() -> {
                int units = 0;
                for (int i = 0; i < 100; i++) {
                    units += stock.executeOnKey(key, new TryReserve(requestIds.getAndIncrement(), 1)).units();
                }
                return units;
            }));
        }
        int total = 0;
        for (Future<Integer> f : taken) {
            total += f.get();
        }
        buyers.shutdown();

        assertThat(total).isEqualTo(500);
        assertThat(stock.get(key).remaining()).isZero();
        assertThat(stock.get(key).sold()).isEqualTo(500);
    }

    @Test
    void theBackupReplicaReachesTheSameSegmentAsThePrimary() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = new StockKey("backup", 0);
        stock.set(key, StockSegment.initial(10));
        stock.executeOnKey(key, new TryReserve(777, 3));
        HazelcastInstance owner = GRID.members().stream()
                .filter(m -> m.getPartitionService().getPartition(key).getOwner().localMember())
                .findFirst().orElseThrow();

        long ownerWriter = SegmentChange.writerOf(owner.getCluster().getLocalMember().getUuid());

        owner.getLifecycleService().terminate(); // the backup takes over with what the processor did there
        GRID.members().remove(owner);
        StockSegment survivor = stock.get(key);
        Reservation repeat = stock.executeOnKey(key, new TryReserve(777, 3));
        stock.executeOnKey(key, new TryReserve(778, 1));
        long newOwnerWriter = SegmentChange.writerOf(GRID.members().get(0).getCluster().getLocalMember().getUuid());

        assertThat(survivor.remaining()).isEqualTo(7);
        assertThat(survivor.writers()).as("the backup counted the units under the primary's member")
                .containsExactly(ownerWriter);
        assertThat(survivor.taken()).containsExactly(3);
        assertThat(repeat.repeated()).isTrue();
        assertThat(stock.get(key).remaining()).isEqualTo(6);
        assertThat(stock.get(key).writers()).containsExactly(ownerWriter, newOwnerWriter);
        assertThat(stock.get(key).taken()).containsExactly(3, 1);
    }

    @Test
    void claimsHoldTheLimitAndCountEachRequestOnce() {
        IMap<UserClaimKey, UserClaim> claims = GRID.client().getMap(MapNames.CLAIMS);
        UserClaimKey key = new UserClaimKey("claims", "u-1");

        assertThat(claim(claims, key, "r-1", 2)).isEqualTo(ClaimUnits.Outcome.CLAIMED);
        assertThat(claim(claims, key, "r-1", 2))
                .isEqualTo(ClaimUnits.Outcome.ALREADY_CLAIMED);
        assertThat(claim(claims, key, "r-2", 2))
                .isEqualTo(ClaimUnits.Outcome.LIMIT_REACHED);
        assertThat(claim(claims, key, "r-3", 1)).isEqualTo(ClaimUnits.Outcome.CLAIMED);
        assertThat(claims.get(key).units()).isEqualTo(3);

        assertThat(claims.executeOnKey(key, new ReleaseClaim("r-1"))).isTrue();
        assertThat(claims.executeOnKey(key, new ReleaseClaim("r-1"))).isFalse();
        assertThat(claims.get(key).units()).isEqualTo(1);
        claims.executeOnKey(key, new ReleaseClaim("r-3"));
        assertThat(claims.containsKey(key)).isFalse();
    }

    @Test
    void ordersWhoseIdsShareTheirFirstEightCharactersShareAPartition() {
        PartitionService partitions = GRID.client().getPartitionService();
        Set<Integer> sharing = new HashSet<>();
        Set<Integer> spread = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sharing.add(partitions.getPartition(new OrderKey("0badcafe-" + UUID.randomUUID())).getPartitionId());
            spread.add(partitions.getPartition(new OrderKey(UUID.randomUUID().toString())).getPartitionId());
        }
        // The members place them where the client routes them: what was set is found again.
        Order order = new Order("0badcafe-x", "s", "u", 1, OrderStatus.ACCEPTED, 1L, null, "0:1", null, 1L);
        GRID.client().getMap(MapNames.ORDERS).set(new OrderKey("0badcafe-x"), order);

        assertThat(sharing).hasSize(1);
        assertThat(spread).hasSizeGreaterThan(10);
        assertThat(GRID.members().get(0).getMap(MapNames.ORDERS).get(new OrderKey("0badcafe-x"))).isEqualTo(order);
    }

    private static ClaimUnits.Outcome claim(IMap<UserClaimKey, UserClaim> claims, UserClaimKey key, String requestId,
                                            int quantity) {
        return ClaimUnits.Outcome.of(claims.executeOnKey(key, new ClaimUnits(requestId, quantity, 3)));
    }
}
