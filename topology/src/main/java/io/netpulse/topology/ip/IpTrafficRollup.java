package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.schema.aggregate.TrafficScopeStats;
import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of the per-IP statistics: a base sample is the sum of its flows' bytes; an hour or a day adds
 * each closed sample once, per scope, and total adds received and transmitted of the same sample first, so its
 * min and max are those of the summed samples (not the sum of the two minima). Sums use exact arithmetic: an
 * overflow fails loudly instead of wrapping. Pure.
 */
public final class IpTrafficRollup {

    private static final TrafficScopeStats NO_SAMPLE = new TrafficScopeStats(0L, 0L, 0L, 0L);

    private IpTrafficRollup() {
    }

    /** A base sample before its first flow. */
    public static IpTrafficSample noBytes() {
        return new IpTrafficSample(0L, 0L);
    }

    /** {@code sample} with {@code flow}'s bytes added. */
    public static IpTrafficSample plus(IpTrafficSample sample, IpTrafficSample flow) {
        return new IpTrafficSample(Math.addExact(sample.getReceived(), flow.getReceived()),
                Math.addExact(sample.getTransmitted(), flow.getTransmitted()));
    }

    /** A period before its first sample. */
    public static IpTrafficStats empty() {
        return new IpTrafficStats(NO_SAMPLE, NO_SAMPLE, NO_SAMPLE);
    }

    /** {@code stats} with one more closed base sample. */
    public static IpTrafficStats add(IpTrafficStats stats, IpTrafficSample sample) {
        return new IpTrafficStats(
                add(stats.getReceive(), sample.getReceived()),
                add(stats.getTransmit(), sample.getTransmitted()),
                add(stats.getTotal(), Math.addExact(sample.getReceived(), sample.getTransmitted())));
    }

    /** Two disjoint periods together (the hours of a day): counts and sums added, the extremes of both. */
    public static IpTrafficStats combine(IpTrafficStats a, IpTrafficStats b) {
        return new IpTrafficStats(combine(a.getReceive(), b.getReceive()), combine(a.getTransmit(), b.getTransmit()),
                combine(a.getTotal(), b.getTotal()));
    }

    /** The topic record of one address's closed hour. */
    public static IpTrafficWindowStats report(String address, Instant start, Instant end, Duration sampleLength,
                                              IpTrafficStats stats) {
        return new IpTrafficWindowStats(address, start, end, sampleLength.toMillis(), stats.getReceive(),
                stats.getTransmit(), stats.getTotal());
    }

    private static TrafficScopeStats combine(TrafficScopeStats a, TrafficScopeStats b) {
        if (a.getCount() == 0) {
            return b;
        }
        if (b.getCount() == 0) {
            return a;
        }
        return new TrafficScopeStats(a.getCount() + b.getCount(), Math.addExact(a.getSum(), b.getSum()),
                Math.min(a.getMin(), b.getMin()), Math.max(a.getMax(), b.getMax()));
    }

    private static TrafficScopeStats add(TrafficScopeStats scope, long bytes) {
        if (scope.getCount() == 0) {
            return new TrafficScopeStats(1L, bytes, bytes, bytes);
        }
        return new TrafficScopeStats(scope.getCount() + 1, Math.addExact(scope.getSum(), bytes),
                Math.min(scope.getMin(), bytes), Math.max(scope.getMax(), bytes));
    }
}
