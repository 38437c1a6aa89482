package io.netpulse.topology.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the three alert rules ({@link AlertsFlow}) and how long cleared alerts stay queryable.
 *
 * @param utilizationPercent      an interface minute is hot when in or out is above this share of its speed
 * @param utilizationClearPercent an active utilization alert clears at the first closed minute at or below this
 *                                share (hysteresis: between the two, it stays as it is)
 * @param utilizationMinutes      how many consecutive hot closed minutes raise an alert
 * @param silence                 a source with no newer record for this long is silent
 * @param spikeFactor             a closed per-IP sample is a spike above this times its baseline (EWMA)...
 * @param spikeFloorBytes         ...and above this many bytes
 * @param spikeWarmUpSamples      samples of an address before any is judged
 * @param spikeWeight             weight of the newest sample in the EWMA baseline, in (0, 1]
 * @param retention               how long a cleared alert stays in the store after it cleared (wall clock)
 */
public record AlertSettings(double utilizationPercent, double utilizationClearPercent, int utilizationMinutes,
                            Duration silence, double spikeFactor, long spikeFloorBytes, int spikeWarmUpSamples,
                            double spikeWeight, Duration retention) {

    public AlertSettings {
        Objects.requireNonNull(silence, "silence");
        Objects.requireNonNull(retention, "retention");
        if (!(utilizationPercent > 0) || !(utilizationClearPercent >= 0)
                || utilizationClearPercent > utilizationPercent) {
            throw new IllegalArgumentException("the utilization clear percent (" + utilizationClearPercent
                    + ") must lie in [0, utilization percent (" + utilizationPercent + ")]");
        }
        if (utilizationMinutes < 1 || spikeWarmUpSamples < 1) {
            throw new IllegalArgumentException("utilization minutes and spike warm-up samples must be at least 1");
        }
        if (silence.toMillis() <= 0 || retention.toMillis() <= 0) {
            throw new IllegalArgumentException("the silence and the retention must be positive");
        }
        if (!(spikeFactor > 0) || spikeFloorBytes < 0 || !(spikeWeight > 0) || spikeWeight > 1) {
            throw new IllegalArgumentException("the spike factor must be positive, the floor not negative and the"
                    + " weight in (0, 1]");
        }
    }

    /** The defaults documented in docs/alerts.md. */
    public static AlertSettings defaults() {
        return new AlertSettings(90, 80, 5, Duration.ofMinutes(5), 5, 1_000_000, 6, 0.25, Duration.ofDays(7));
    }
}
