package io.flashsale.config;

import com.hazelcast.config.SerializationConfig;
import io.flashsale.model.cart.Cart;
import io.flashsale.model.cart.ClearCart;
import io.flashsale.model.cart.SetCartItem;
import io.flashsale.model.catalog.Product;
import io.flashsale.model.catalog.Sale;
import io.flashsale.model.cdc.BinlogReaderStatus;
import io.flashsale.model.stock.ClaimGroup;
import io.flashsale.model.stock.ClaimUnits;
import io.flashsale.model.stock.ReleaseClaim;
import io.flashsale.model.stock.RestoreClaims;
import io.flashsale.model.stock.UserClaim;
import io.flashsale.model.order.CancelOrder;
import io.flashsale.model.order.ClaimPaymentRef;
import io.flashsale.model.order.ClaimKey;
import io.flashsale.model.order.EndKeyAttempt;
import io.flashsale.model.order.ExpireOrder;
import io.flashsale.model.order.KeyUse;
import io.flashsale.model.order.MarkUnitsReturned;
import io.flashsale.model.order.Order;
import io.flashsale.model.order.OrderChunk;
import io.flashsale.model.order.OrderKey;
import io.flashsale.model.order.PayOrder;
import io.flashsale.model.stock.ForgetJournal;
import io.flashsale.model.stock.ReleaseHeldUnits;
import io.flashsale.model.stock.ReleaseReservation;
import io.flashsale.model.stock.Reservation;
import io.flashsale.model.stock.ReturnUnits;
import io.flashsale.model.stock.StockKey;
import io.flashsale.model.stock.OutboxOrders;
import io.flashsale.model.stock.RemoveFromOutbox;
import io.flashsale.model.stock.ForgetTransfer;
import io.flashsale.model.stock.LendUnits;
import io.flashsale.model.stock.ReceiveUnits;
import io.flashsale.model.stock.SegmentLevels;
import io.flashsale.model.stock.StockSegment;
import io.flashsale.model.stock.Transfers;
import io.flashsale.model.stock.UnitTransfer;
import io.flashsale.model.stock.TryReserve;
import io.flashsale.model.stock.TryReserveForBatch;
import io.flashsale.model.task.GridTasks;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;

/**
 * How the grid's own types travel, the same on members and clients. Records use Compact serialization. It has to
 * be registered for the EntryProcessors: {@code EntryProcessor} extends {@code Serializable}, and without a
 * registered Compact class Hazelcast falls back to Java serialization, which was the largest Java cost of a
 * purchase in a profile (an {@code ObjectInputStream} per call, on the primary and again on the backup). The types
 * a purchase batch carries have serializers written out by hand ({@code WrittenOutSerializer}), with the same bytes.
 */
public final class GridSerialization {

    private GridSerialization() {
    }

    /** First type id of Bucket4j's serializers (its processors and bucket state travel with their own). */
    static final int BUCKET4J_TYPE_ID_BASE = 10_000;

    public static void register(SerializationConfig serialization) {
        serialization.addDataSerializableFactory(GridTasks.FACTORY_ID, new GridTasks());
        HazelcastProxyManager.addCustomSerializers(serialization, BUCKET4J_TYPE_ID_BASE);
        serialization.getCompactSerializationConfig()
                // entry processors and what they answer
                .addClass(ClaimUnits.class)
                .addSerializer(new ClaimUnits.Claims.Serializer())
                .addClass(ClaimKey.class)
                .addClass(ClaimKey.Claim.class)
                .addClass(EndKeyAttempt.class)
                .addClass(ReleaseClaim.class)
                .addClass(RestoreClaims.class)
                .addClass(PayOrder.class)
                .addClass(ClaimPaymentRef.class)
                .addClass(Cart.class)
                .addClass(SetCartItem.class)
                .addClass(ClearCart.class)
                .addClass(CancelOrder.class)
                .addClass(CancelOrder.Result.class)
                .addClass(ExpireOrder.class)
                .addClass(MarkUnitsReturned.class)
                .addClass(ReturnUnits.class)
                .addClass(ReleaseHeldUnits.class)
                .addClass(ForgetJournal.class)
                .addClass(LendUnits.class)
                .addClass(ReceiveUnits.class)
                .addClass(ForgetTransfer.class)
                .addClass(SegmentLevels.Project.class)
                .addClass(SegmentLevels.Among.class)
                .addClass(TryReserve.class)
                .addSerializer(new TryReserveForBatch.Serializer())
                .addSerializer(new TryReserveForBatch.Result.Serializer())
                .addClass(OutboxOrders.class)
                .addClass(OutboxOrders.Found.class)
                .addClass(RemoveFromOutbox.class)
                .addSerializer(new OrderChunk.Serializer())
                .addClass(ReleaseReservation.class)
                .addClass(Reservation.class)
                // keys and values
                .addSerializer(new StockKey.Serializer())
                .addClass(StockSegment.class)
                .addClass(Transfers.class)
                .addClass(UnitTransfer.class)
                .addClass(UserClaim.class)
                .addSerializer(new ClaimGroup.Serializer())
                .addClass(KeyUse.class)
                .addSerializer(new OrderKey.Serializer())
                .addSerializer(new Order.Serializer())
                .addClass(Sale.class)
                .addClass(BinlogReaderStatus.class)
                .addClass(Product.class);
    }
}
