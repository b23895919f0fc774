package io.flashsale.model.stock;

/**
 * What a {@link TryReserve} did on one segment.
 *
 * @param units     units this request now holds in the segment (0 when it got none)
 * @param remaining units left in the segment afterwards
 * @param repeated  true when the request had reserved here before and nothing changed now
 * @param missing   true when the segment does not exist (unknown sale, or not loaded)
 */
public record Reservation(int units, int remaining, boolean repeated, boolean missing) {

    static Reservation missingSegment() {
        return new Reservation(0, 0, false, true);
    }
}
