package io.flashsale.app.sale;

import io.flashsale.model.stock.SegmentLevels;

import java.util.List;

/** The segments of a sale's stock, read together. */
public record StockLevels(List<Segment> segments) {

    public record Segment(int segment, int remaining, int sold) {
        static Segment of(int segment, SegmentLevels value) {
            return value == null ? new Segment(segment, 0, 0)
                    : new Segment(segment, value.remaining(), value.sold());
        }
    }

    public int remaining() {
        return segments.stream().mapToInt(Segment::remaining).sum();
    }

    public int sold() {
        return segments.stream().mapToInt(Segment::sold).sum();
    }
}
