package io.netpulse.topology.inputs.counters.telegraf;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What one Telegraf metric says that netpulse uses: an interface row (one ifTable or ifXTable row of one poll) or a
 * device's uptime. Rows of one poll are merged into one counter sample by {@link TelegrafCounters}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InterfaceRow.class, name = "interface"),
        @JsonSubTypes.Type(value = UptimeRow.class, name = "uptime")})
public sealed interface TelegrafRow permits InterfaceRow, UptimeRow {

    /** The polled device, from the {@code source} tag (or the older {@code agent_host}). */
    String device();

    /** The metric's time, truncated to milliseconds. */
    Instant time();
}
