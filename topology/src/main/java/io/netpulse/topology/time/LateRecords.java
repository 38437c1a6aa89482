package io.netpulse.topology.time;

import io.netpulse.topology.TopologyMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that are not counted for their time (behind their source's lateness, older than retention): counted
 * per source and in total under one event, and logged once per source and wall-clock minute, so a backlog of
 * late records never floods the log and none goes unseen. One instance lives in each processor.
 */
public final class LateRecords {

    private static final Logger LOG = LoggerFactory.getLogger(LateRecords.class);
    private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

    private final String event;
    private final TopologyMetrics metrics;
    private final Map<String, Long> lastLoggedMinute = new HashMap<>();

    /** Counts under {@code event} ({@code <event>-total} per source and in total). */
    public LateRecords(String event, TopologyMetrics metrics) {
        this.event = event;
        this.metrics = metrics;
    }

    /** Counts a record of {@code source}; logs {@code reason} unless one was logged for it this minute. */
    public void record(String source, long nowMillis, Supplier<String> reason) {
        metrics.count(event, source);
        Long minute = Math.floorDiv(nowMillis, MINUTE_MILLIS);
        if (!minute.equals(lastLoggedMinute.put(source, minute))) {
            LOG.warn("{} {}: {}; not counted (metric {}, logged once per source and minute)", event, source,
                    reason.get(), event);
        }
    }
}
