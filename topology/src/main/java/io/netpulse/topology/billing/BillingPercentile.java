package io.netpulse.topology.billing;

import java.util.Arrays;
import java.util.List;

/**
 * The one way netpulse computes a 95th percentile for billing, used by the {@code netpulse.billing} records and
 * the billing API alike, so both always agree. Nearest rank: the n samples sorted ascending, the
 * ceil(0.95 n)-th (20 samples: the 19th; 8,640, a 30-day month: the 8,208th). A slot without a sample is absent,
 * not zero: it changes n, never the values. Each of in, out and in + out (summed per sample first) is ranked on
 * its own; max is the larger of the in and out percentiles. A sample's rate is its bytes x 8 / 300 (the slot's
 * length, whatever time the polls covered), so the ranking is done on exact bytes and only the chosen value is
 * turned into bits per second. Pure.
 */
public final class BillingPercentile {

    private static final long SLOT_SECONDS = BillingRange.SLOT.toSeconds();

    private BillingPercentile() {
    }

    /** ceil(0.95 n) in integers, for n of at least 1. */
    public static int rank(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("no rank without a sample: " + samples);
        }
        return Math.toIntExact((95L * samples + 99) / 100);
    }

    /** The rate of {@code bytes} over one 5-minute slot. */
    public static double bitsPerSecond(long bytes) {
        // Multiplied first, divided once: 4,500 bytes are exactly 120 bit/s, not 120.00000000000001.
        return bytes * 8.0 / SLOT_SECONDS;
    }

    /** The figures of {@code range} from its {@code samples} (one per slot that has one, in any order). */
    public static BillingFigures of(BillingRange range, List<BillingSample> samples) {
        int n = samples.size();
        if (n == 0) {
            return new BillingFigures(range, 0, 0, null, null, null, null);
        }
        if (n > range.expectedSamples()) {
            throw new IllegalArgumentException(n + " samples in a period of " + range.expectedSamples() + " slots");
        }
        long[] in = new long[n];
        long[] out = new long[n];
        long[] both = new long[n];
        for (int i = 0; i < n; i++) {
            BillingSample sample = samples.get(i);
            in[i] = sample.inBytes();
            out[i] = sample.outBytes();
            both[i] = Math.addExact(sample.inBytes(), sample.outBytes());
        }
        int rank = rank(n);
        double inRate = bitsPerSecond(nth(in, rank));
        double outRate = bitsPerSecond(nth(out, rank));
        return new BillingFigures(range, n, rank, inRate, outRate, Math.max(inRate, outRate),
                bitsPerSecond(nth(both, rank)));
    }

    private static long nth(long[] values, int rank) {
        Arrays.sort(values);
        return values[rank - 1];
    }
}
