package io.flashsale.model.stock;

/**
 * Units a segment lent to another segment of the same sale and has not yet seen delivered (see {@link Transfers}).
 *
 * @param hash      the transfer's id, hashed like a request id; the receiver takes it once
 * @param toSegment the segment that receives the units
 * @param units     how many
 */
public record UnitTransfer(long hash, int toSegment, int units) {
}
