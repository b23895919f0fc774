package io.flashsale.model.stock;

/** Key of one stock segment. Segments of one sale hash to different partitions, so the hot sale spreads. */
public record StockKey(String saleId, int segment) {
}
