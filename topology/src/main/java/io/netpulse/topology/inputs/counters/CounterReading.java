package io.netpulse.topology.inputs.counters;

import io.netpulse.schema.counter.CounterSample;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the rate arithmetic needs from one poll of one interface.
 *
 * @param pollTime           when the device answered
 * @param sysUpTime          SNMPv2-MIB sysUpTime in hundredths of a second, when polled
 * @param inOctets           inbound octet counter, unsigned (all 64 bits for width 64)
 * @param outOctets          outbound octet counter, unsigned
 * @param counterWidth       32 or 64
 * @param speedBitsPerSecond the interface speed the sample reports, empty when unknown (absent, 0 or 2^32-1)
 */
public record CounterReading(Instant pollTime, OptionalLong sysUpTime, long inOctets, long outOctets,
                             int counterWidth, OptionalLong speedBitsPerSecond) {

    /** ifSpeed's "above 4.29 Gbit/s, read ifHighSpeed" value, which says nothing about the real speed. */
    public static final long IF_SPEED_SATURATED = 4_294_967_295L;

    private static final byte VERSION = 1;
    private static final int HAS_UPTIME = 1;
    private static final int HAS_SPEED = 2;

    /** The reading of a validated sample; an ifSpeed of 0 or {@value #IF_SPEED_SATURATED} becomes unknown. */
    public static CounterReading of(CounterSample sample) {
        Long speed = sample.getIfSpeed();
        boolean known = speed != null && speed > 0 && speed != IF_SPEED_SATURATED;
        return new CounterReading(sample.getPollTime(),
                sample.getSysUpTime() == null ? OptionalLong.empty() : OptionalLong.of(sample.getSysUpTime()),
                sample.getInOctets(), sample.getOutOctets(), sample.getCounterWidth(),
                known ? OptionalLong.of(speed) : OptionalLong.empty());
    }

    /** The form of each reading in the first version of {@link RecentSamples}' values, which still read. */
    public static Serde<CounterReading> serde() {
        Serializer<CounterReading> serializer = (topic, reading) -> {
            if (reading == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(43);
            out.put(VERSION);
            int flags = (reading.sysUpTime.isPresent() ? HAS_UPTIME : 0)
                    | (reading.speedBitsPerSecond.isPresent() ? HAS_SPEED : 0);
            out.put((byte) flags);
            out.putLong(reading.pollTime.toEpochMilli());
            out.putLong(reading.inOctets);
            out.putLong(reading.outOctets);
            out.put((byte) reading.counterWidth);
            reading.sysUpTime.ifPresent(out::putLong);
            reading.speedBitsPerSecond.ifPresent(out::putLong);
            byte[] bytes = new byte[out.position()];
            out.flip().get(bytes);
            return bytes;
        };
        Deserializer<CounterReading> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("unknown CounterReading version " + version);
            }
            int flags = in.get();
            Instant pollTime = Instant.ofEpochMilli(in.getLong());
            long inOctets = in.getLong();
            long outOctets = in.getLong();
            int width = in.get();
            OptionalLong uptime = (flags & HAS_UPTIME) != 0 ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
            OptionalLong speed = (flags & HAS_SPEED) != 0 ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
            return new CounterReading(pollTime, uptime, inOctets, outOctets, width, speed);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
