package io.netpulse.topology.sites;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One interval's share of one minute of a site (or one interface's minute moved out of the unassigned site, see
 * {@link Reattribution}), on its way to the site's task: the device it came from travels with it, so the site's
 * task keeps each device's clock and closes a minute only once every device feeding it is past it.
 *
 * @param device      the device whose counters gave the bytes
 * @param minuteStart start of the minute the bytes belong to, in epoch milliseconds
 * @param inOctets    inbound bytes; negative when a retracted interval (or a move) takes them back
 * @param outOctets   outbound bytes, likewise
 */
record SiteShare(String device, long minuteStart, long inOctets, long outOctets) {

    private static final byte VERSION = 1;

    /** What shares of one site are summed by before the repartition: the rest is bytes, which add up. */
    record Group(String device, long minuteStart) {
    }

    Group group() {
        return new Group(device, minuteStart);
    }

    /** The bytes of two shares of one {@link Group}. */
    static SiteShare sum(SiteShare a, SiteShare b) {
        return new SiteShare(a.device, a.minuteStart, a.inOctets + b.inOctets, a.outOctets + b.outOctets);
    }

    /** Compact serde (a version byte, the device in UTF-8 behind its length, three longs) for the repartition. */
    static Serde<SiteShare> serde() {
        Serializer<SiteShare> serializer = (topic, share) -> {
            if (share == null) {
                return null;
            }
            byte[] device = share.device.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + Integer.BYTES + device.length + 3 * Long.BYTES)
                    .put(VERSION).putInt(device.length).put(device).putLong(share.minuteStart)
                    .putLong(share.inOctets).putLong(share.outOctets).array();
        };
        Deserializer<SiteShare> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length < 1 + Integer.BYTES || in.get() != VERSION) {
                throw new SerializationException("not a SiteShare: " + data.length + " bytes");
            }
            int length = in.getInt();
            if (length < 0 || data.length != 1 + Integer.BYTES + length + 3 * Long.BYTES) {
                throw new SerializationException("not a SiteShare: " + data.length + " bytes");
            }
            byte[] device = new byte[length];
            in.get(device);
            return new SiteShare(new String(device, StandardCharsets.UTF_8), in.getLong(), in.getLong(),
                    in.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
