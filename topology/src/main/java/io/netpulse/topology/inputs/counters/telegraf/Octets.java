package io.netpulse.topology.inputs.counters.telegraf;

import java.time.Instant;
import java.util.Objects;

/**
 * An interface's in and out octet counters of one width, as one table row read them.
 *
 * @param in     ifHCInOctets or ifInOctets; unsigned: a 64-bit counter above 2^63-1 is kept as its bits (negative)
 * @param out    ifHCOutOctets or ifOutOctets, unsigned like {@code in}
 * @param readAt the time of the row that carried them, which becomes the sample's poll time
 */
public record Octets(long in, long out, Instant readAt) {

    public Octets {
        Objects.requireNonNull(readAt, "readAt");
    }
}
