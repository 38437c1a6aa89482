package io.netpulse.topology.rates;

import io.netpulse.topology.inputs.counters.MinuteSpread;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The traffic of one interface in one window: octets attributed to it and the time polls covered. Keeping both,
 * not a rate, is what makes merging exact: two polls in one minute, or five minutes into one step, give
 * sum(octets) x 8000 / sum(coveredMillis), the time-weighted mean of their rates.
 *
 * @param inOctets      inbound octets attributed to the window
 * @param outOctets     outbound octets attributed to the window
 * @param coveredMillis how much of the window polls covered
 */
public record RateBucket(long inOctets, long outOctets, long coveredMillis) {

    /** Nothing yet: the initial aggregate. */
    public static final RateBucket EMPTY = new RateBucket(0, 0, 0);

    private static final byte VERSION = 1;
    private static final int BYTES = 25;

    /** A minute's share of an interval; negative, so that adding it takes it back, when {@code sign} is -1. */
    public static RateBucket of(MinuteSpread.Share share, int sign) {
        return new RateBucket(sign * share.inOctets(), sign * share.outOctets(), sign * share.coveredMillis());
    }

    /** Both windows together. */
    public RateBucket plus(RateBucket other) {
        return new RateBucket(inOctets + other.inOctets, outOctets + other.outOctets,
                coveredMillis + other.coveredMillis);
    }

    /** Whether any poll covered the window (a window of zero traffic still has data). */
    public boolean hasData() {
        return coveredMillis > 0;
    }

    /** Inbound bits per second over the covered time. */
    public double inBitsPerSecond() {
        return bitsPerSecond(inOctets);
    }

    /** Outbound bits per second over the covered time. */
    public double outBitsPerSecond() {
        return bitsPerSecond(outOctets);
    }

    private double bitsPerSecond(long octets) {
        if (coveredMillis == 0) {
            throw new IllegalStateException("no time covered, no rate");
        }
        return octets * 8_000.0 / coveredMillis;
    }

    /** Fixed 25-byte serde (a version byte and three longs) for the window stores and their changelogs. */
    public static Serde<RateBucket> serde() {
        Serializer<RateBucket> serializer = (topic, bucket) -> bucket == null ? null : ByteBuffer.allocate(BYTES)
                .put(VERSION).putLong(bucket.inOctets).putLong(bucket.outOctets).putLong(bucket.coveredMillis)
                .array();
        Deserializer<RateBucket> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (bytes.length != BYTES || in.get() != VERSION) {
                throw new SerializationException("not a RateBucket: " + bytes.length + " bytes");
            }
            return new RateBucket(in.getLong(), in.getLong(), in.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
