package io.flashsale.grid;

import com.hazelcast.config.SerializationConfig;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.flashsale.grid.cart.Cart;
import io.flashsale.grid.cdc.BinlogReaderStatus;
import io.flashsale.grid.cart.ClearCart;
import io.flashsale.grid.cart.SetCartItem;
import io.flashsale.grid.order.CancelOrder;
import io.flashsale.grid.order.ClaimKey;
import io.flashsale.grid.order.ClaimUnits;
import io.flashsale.grid.order.EndKeyAttempt;
import io.flashsale.grid.order.ExpireOrder;
import io.flashsale.grid.order.KeyUse;
import io.flashsale.grid.order.MarkUnitsReturned;
import io.flashsale.grid.order.Order;
import io.flashsale.grid.order.OrderKey;
import io.flashsale.grid.order.PayOrder;
import io.flashsale.grid.order.ReleaseClaim;
import io.flashsale.grid.order.UserClaim;
import io.flashsale.grid.order.UserClaimKey;
import io.flashsale.grid.product.Product;
import io.flashsale.grid.sale.ForgetJournal;
import io.flashsale.grid.sale.ReleaseHeldUnits;
import io.flashsale.grid.sale.ReleaseReservation;
import io.flashsale.grid.sale.Reservation;
import io.flashsale.grid.sale.ReturnUnits;
import io.flashsale.grid.sale.Sale;
import io.flashsale.grid.sale.StockKey;
import io.flashsale.grid.sale.StockSegment;
import io.flashsale.grid.sale.TryReserve;
import io.flashsale.grid.sale.TryReserveForBatch;
import io.flashsale.grid.task.GridTasks;

/**
 * How the grid's own types travel, the same on members and clients. Records use Compact serialization. It has to
 * be registered for the EntryProcessors: {@code EntryProcessor} extends {@code Serializable}, and without a
 * registered Compact class Hazelcast falls back to Java serialization, which was the largest Java cost of a
 * purchase in a profile (an {@code ObjectInputStream} per call, on the primary and again on the backup).
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
                .addClass(ClaimKey.class)
                .addClass(ClaimKey.Claim.class)
                .addClass(EndKeyAttempt.class)
                .addClass(ReleaseClaim.class)
                .addClass(PayOrder.class)
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
                .addClass(TryReserve.class)
                .addClass(TryReserveForBatch.class)
                .addClass(TryReserveForBatch.Result.class)
                .addClass(ReleaseReservation.class)
                .addClass(Reservation.class)
                // keys and values
                .addClass(StockKey.class)
                .addClass(StockSegment.class)
                .addClass(UserClaimKey.class)
                .addClass(UserClaim.class)
                .addClass(KeyUse.class)
                .addClass(OrderKey.class)
                .addClass(Order.class)
                .addClass(Sale.class)
                .addClass(BinlogReaderStatus.class)
                .addClass(Product.class);
    }
}
