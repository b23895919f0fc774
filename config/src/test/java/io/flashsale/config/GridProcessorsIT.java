package io.flashsale.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.flashsale.model.MapNames;
import io.flashsale.model.stock.ClaimGroup;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.ReleaseClaim;
import io.flashsale.model.stock.RestoreClaims;
import io.flashsale.model.stock.UserClaim;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.OrderStatus;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.SegmentChange;
import io.flashsale.model.stock.SegmentLevels;
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
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = home("claims");

        assertThat(claim(stock, key, "u-1", "r-1", 2)).isEqualTo(ClaimUnits.Outcome.CLAIMED);
        assertThat(claim(stock, key, "u-1", "r-1", 2)).isEqualTo(ClaimUnits.Outcome.ALREADY_CLAIMED);
        assertThat(claim(stock, key, "u-1", "r-2", 2)).isEqualTo(ClaimUnits.Outcome.LIMIT_REACHED);
        assertThat(claim(stock, key, "u-1", "r-3", 1)).isEqualTo(ClaimUnits.Outcome.CLAIMED);
        assertThat(stock.get(key).claims().of("u-1").units()).isEqualTo(3);

        assertThat(stock.executeOnKey(key, ReleaseClaim.one("u-1", "r-1"))).isEqualTo(1);
        assertThat(stock.executeOnKey(key, ReleaseClaim.one("u-1", "r-1"))).isZero();
        assertThat(stock.get(key).claims().of("u-1").units()).isEqualTo(1);
        stock.executeOnKey(key, ReleaseClaim.one("u-1", "r-3"));
        assertThat(stock.get(key).claims().isEmpty()).as("a buyer left with nothing is forgotten").isTrue();
        assertThat(claim(stock, new StockKey("no-such-sale", 0), "u-1", "r-4", 1))
                .as("a home segment the grid lacks claims nothing").isEqualTo(ClaimUnits.Outcome.NO_SEGMENT);
    }

    @Test
    void aBatchOfClaimsIsOneCallThatCountsEachBuyerOnItsOwnAndEachRequestOnce() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = home("claim-batch");
        ClaimUnits batch = new ClaimUnits(new String[] {"a", "b", "a", "c"}, new String[] {"r-a1", "r-b1", "r-a2",
                "r-c1"}, new int[] {2, 3, 2, 4}, 3);

        int[] first = stock.executeOnKey(key, batch);
        int[] repeat = stock.executeOnKey(key, batch);

        assertThat(first).containsExactly(1, 1, 3, 3); // a: 2 claimed, 2 more past the limit; c: 4 past it
        assertThat(repeat).containsExactly(2, 2, 3, 3);
        ClaimGroup group = stock.get(key).claims(); // through the client: the group's own serializer, both ways
        assertThat(group.claims()).containsOnlyKeys("a", "b");
        assertThat(group.of("a").requestIds()).containsExactly("r-a1");
        assertThat(group.of("b").units()).isEqualTo(3);
        assertThat(stock.get(key).remaining()).as("claims take no units").isEqualTo(10);

        assertThat(stock.executeOnKey(key, new ReleaseClaim(new String[] {"a", "b", "c"},
                new String[] {"r-a1", "r-b1", "r-c1"}))).isEqualTo(2);
        assertThat(stock.get(key).claims().isEmpty()).isTrue();
    }

    @Test
    void restoredClaimsKeepWhatTheHomeHoldsAlready() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey key = home("claim-restore");
        stock.executeOnKey(key, ClaimUnits.one("a", "r-new", 1, 5));

        int restored = stock.executeOnKey(key, new RestoreClaims(new String[] {"a", "b"}, new UserClaim[] {
                UserClaim.EMPTY.plus("r-old", 2), UserClaim.EMPTY.plus("r-b", 1)}));

        assertThat(restored).isEqualTo(1);
        assertThat(stock.get(key).claims().of("a").requestIds()).containsExactly("r-new");
        assertThat(stock.get(key).claims().of("b").units()).isEqualTo(1);
    }

    @Test
    void levelsAreReadWithoutTheSegmentsThemselves() {
        IMap<StockKey, StockSegment> stock = GRID.client().getMap(MapNames.STOCK);
        StockKey home = home("levels");
        StockKey other = new StockKey(home.saleId(), 1);
        stock.set(other, StockSegment.initial(4));
        stock.executeOnKey(home, new TryReserve(StockSegment.hashOf("r-1"), 3));

        Map<Integer, SegmentLevels> levels = SegmentLevels.read(stock,
                List.of(home, other, new StockKey(home.saleId(), 2)));

        assertThat(levels).containsOnlyKeys(0, 1); // segment 2 is not in the grid
        assertThat(levels.get(0).remaining()).isEqualTo(7);
        assertThat(levels.get(0).sold()).isEqualTo(3);
        assertThat(levels.get(1).remaining()).isEqualTo(4);
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

    /** A new sale's home segment, holding 10 units. */
    private static StockKey home(String sale) {
        StockKey key = new StockKey(sale + "-" + UUID.randomUUID(), 0);
        GRID.client().<StockKey, StockSegment>getMap(MapNames.STOCK).set(key, StockSegment.initial(10));
        return key;
    }

    private static ClaimUnits.Outcome claim(IMap<StockKey, StockSegment> stock, StockKey key, String userId,
                                            String requestId, int quantity) {
        return ClaimUnits.Outcome.of(stock.executeOnKey(key, ClaimUnits.one(userId, requestId, quantity, 3))[0]);
    }
}
