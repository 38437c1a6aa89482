package io.netpulse.topology.inputs.counters;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Spreads an {@link CounterDelta.Interval} over the minutes it covers, in proportion to the time covered: a
 * 5-minute poll fills five (or six) minutes, and two polls inside one minute both land in it. Octets are split
 * in whole bytes by the largest-remainder method, so the minutes add up exactly to the delta: no byte is
 * created or lost by rounding, which the site volumes rely on as much as the rates.
 */
public final class MinuteSpread {

    /** The bucket every interval is split into. */
    public static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long MINUTE_MILLIS = MINUTE.toMillis();

    private MinuteSpread() {
    }

    /**
     * One minute's part of an interval.
     *
     * @param minute        start of the minute (UTC, a multiple of 60 s since the epoch)
     * @param coveredMillis how much of the minute the interval covers, in (0, 60000]
     * @param inOctets      inbound octets attributed to the minute
     * @param outOctets     outbound octets attributed to the minute
     */
    public record Share(Instant minute, long coveredMillis, long inOctets, long outOctets) {
    }

    /** The shares of {@code interval}, one per minute it overlaps, in time order. */
    public static List<Share> of(CounterDelta.Interval interval) {
        long start = interval.start().toEpochMilli();
        long end = interval.end().toEpochMilli();
        long firstMinute = Math.floorDiv(start, MINUTE_MILLIS) * MINUTE_MILLIS;
        int count = (int) ((end - 1 - firstMinute) / MINUTE_MILLIS) + 1;
        long[] covered = new long[count];
        for (int i = 0; i < count; i++) {
            long minute = firstMinute + i * MINUTE_MILLIS;
            covered[i] = Math.min(end, minute + MINUTE_MILLIS) - Math.max(start, minute);
        }
        long[] in = largestRemainder(interval.inOctets(), covered);
        long[] out = largestRemainder(interval.outOctets(), covered);
        List<Share> shares = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shares.add(new Share(Instant.ofEpochMilli(firstMinute + i * MINUTE_MILLIS), covered[i], in[i], out[i]));
        }
        return shares;
    }

    /**
     * Splits {@code total} into whole parts proportional to {@code weights}: each part is the floor of its exact
     * share, and the units left over go one each to the parts with the largest remainders (the earliest on a
     * tie). The parts add up to {@code total}.
     *
     * @param total   a non-negative amount
     * @param weights positive weights
     */
    public static long[] largestRemainder(long total, long[] weights) {
        long weightSum = 0;
        for (long weight : weights) {
            weightSum = Math.addExact(weightSum, weight);
        }
        long[] parts = new long[weights.length];
        long[] remainders = new long[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            long high = Math.multiplyHigh(total, weights[i]);
            long low = total * weights[i];
            if (high == 0 && low >= 0) {
                parts[i] = low / weightSum;
                remainders[i] = low % weightSum;
            } else {
                BigInteger[] division = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(BigInteger.valueOf(weightSum));
                parts[i] = division[0].longValueExact();
                remainders[i] = division[1].longValueExact();
            }
            assigned += parts[i];
        }
        for (long left = total - assigned; left > 0; left--) {
            int largest = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i] >= 0 && (largest < 0 || remainders[i] > remainders[largest])) {
                    largest = i;
                }
            }
            parts[largest]++;
            remainders[largest] = -1;
        }
        return parts;
    }
}
