package io.netpulse.topology.ip;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the per-IP traffic statistics ({@link IpTrafficFlow}).
 *
 * @param sampleLength    length of a base sample; it must divide an hour, so samples nest in hours and days. The
 *                        API's {@code count} is the number of samples in a period (144 in a day by default)
 * @param sampleRetention how long base samples are kept
 * @param hourRetention   how long hourly statistics are kept (the horizon of {@code period=hourly})
 * @param dayRetention    how long daily statistics are kept (the horizon of {@code period=daily})
 */
public record IpSettings(Duration sampleLength, Duration sampleRetention, Duration hourRetention,
                         Duration dayRetention) {

    private static final Duration HOUR = Duration.ofHours(1);

    public IpSettings {
        Objects.requireNonNull(sampleLength, "sampleLength");
        Objects.requireNonNull(sampleRetention, "sampleRetention");
        Objects.requireNonNull(hourRetention, "hourRetention");
        Objects.requireNonNull(dayRetention, "dayRetention");
        if (sampleLength.toMillis() <= 0 || HOUR.toMillis() % sampleLength.toMillis() != 0
                || !sampleLength.equals(Duration.ofMillis(sampleLength.toMillis()))) {
            throw new IllegalArgumentException("the sample length must be a whole number of milliseconds that"
                    + " divides an hour (10 minutes, 15 minutes, 1 hour...): " + sampleLength);
        }
    }

    /** The defaults documented in docs/configuration.md: 10-minute samples kept 7 days, hours 90 days, days 2 years. */
    public static IpSettings defaults() {
        return new IpSettings(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(730));
    }
}
