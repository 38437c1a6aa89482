package io.netpulse.topology.billing;

/**
 * The 95th-percentile figures of one period, in bits per second; without a sample the four rates are null.
 *
 * @param range                  the period
 * @param samples                n, the slots with a sample
 * @param rank                   ceil(0.95 n), the position (from 1) taken in ascending order; 0 without a sample
 * @param inBitsPerSecond        95th percentile of the inbound rates
 * @param outBitsPerSecond       95th percentile of the outbound rates
 * @param maxBitsPerSecond       the larger of the two above
 * @param aggregateBitsPerSecond 95th percentile of the per-sample sums in + out
 */
public record BillingFigures(BillingRange range, int samples, int rank, Double inBitsPerSecond,
                             Double outBitsPerSecond, Double maxBitsPerSecond, Double aggregateBitsPerSecond) {

    /** Whether the period has any sample. */
    public boolean hasSamples() {
        return samples > 0;
    }
}
