package io.netpulse.topology.inputs.counters.telegraf;

import java.time.Instant;
import java.util.Objects;

/**
 * A device's sysUpTime, from the top-level fields of Telegraf's inputs.snmp (a separate metric from the table rows).
 *
 * @param device         the polled device
 * @param time           when Telegraf read it
 * @param sysUpTimeTicks sysUpTime in hundredths of a second (SNMP TimeTicks, below 2^32)
 */
public record UptimeRow(String device, Instant time, long sysUpTimeTicks) implements TelegrafRow {

    public UptimeRow {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(time, "time");
    }
}
