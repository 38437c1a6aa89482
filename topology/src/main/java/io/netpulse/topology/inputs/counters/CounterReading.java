package io.netpulse.topology.inputs.counters;

import io.netpulse.schema.counter.CounterSample;
import java.time.Instant;
import java.util.OptionalLong;

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

    /** The reading of a validated sample; an ifSpeed of 0 or {@value #IF_SPEED_SATURATED} becomes unknown. */
    public static CounterReading of(CounterSample sample) {
        Long speed = sample.getIfSpeed();
        boolean known = speed != null && speed > 0 && speed != IF_SPEED_SATURATED;
        return new CounterReading(sample.getPollTime(),
                sample.getSysUpTime() == null ? OptionalLong.empty() : OptionalLong.of(sample.getSysUpTime()),
                sample.getInOctets(), sample.getOutOctets(), sample.getCounterWidth(),
                known ? OptionalLong.of(speed) : OptionalLong.empty());
    }
}
