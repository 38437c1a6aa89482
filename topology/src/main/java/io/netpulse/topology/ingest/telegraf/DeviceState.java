package io.netpulse.topology.ingest.telegraf;

import java.time.Instant;
import java.util.Objects;

/**
 * What the Telegraf merge keeps per device.
 *
 * @param latest the newest metric time seen from the device: its own clock, which says when a poll is complete
 * @param uptime the device's latest sysUpTime, or null when none was seen
 */
record DeviceState(Instant latest, UptimeRow uptime) {

    DeviceState {
        Objects.requireNonNull(latest, "latest");
    }
}
