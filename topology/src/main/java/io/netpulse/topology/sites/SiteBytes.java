package io.netpulse.topology.sites;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Bytes a site transferred in one window (or one interval's share of a minute). Whole bytes only, summed exactly:
 * a sum that would pass 2^63 - 1 bytes (8 EiB) fails loudly rather than wrapping.
 *
 * @param inOctets  inbound bytes (ifInOctets deltas)
 * @param outOctets outbound bytes (ifOutOctets deltas)
 */
public record SiteBytes(long inOctets, long outOctets) {

    /** No traffic. */
    public static final SiteBytes ZERO = new SiteBytes(0, 0);

    private static final byte VERSION = 1;
    private static final int BYTES = 17;

    public SiteBytes {
        if (inOctets < 0 || outOctets < 0) {
            throw new IllegalArgumentException("negative volume: in " + inOctets + " out " + outOctets);
        }
    }

    /** Both together. */
    public SiteBytes plus(SiteBytes other) {
        return new SiteBytes(Math.addExact(inOctets, other.inOctets), Math.addExact(outOctets, other.outOctets));
    }

    /** These bytes with a share added, or taken back when its octets are negative; never below zero. */
    public SiteBytes plus(long moreInOctets, long moreOutOctets) {
        return new SiteBytes(Math.addExact(inOctets, moreInOctets), Math.addExact(outOctets, moreOutOctets));
    }

    /** Inbound and outbound together. */
    public long combinedOctets() {
        return Math.addExact(inOctets, outOctets);
    }

    /** Fixed 17-byte serde (a version byte and two longs) for the window stores, their changelogs and repartitions. */
    public static Serde<SiteBytes> serde() {
        Serializer<SiteBytes> serializer = (topic, bytes) -> bytes == null ? null : ByteBuffer.allocate(BYTES)
                .put(VERSION).putLong(bytes.inOctets).putLong(bytes.outOctets).array();
        Deserializer<SiteBytes> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length != BYTES || in.get() != VERSION) {
                throw new SerializationException("not a SiteBytes: " + data.length + " bytes");
            }
            return new SiteBytes(in.getLong(), in.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
