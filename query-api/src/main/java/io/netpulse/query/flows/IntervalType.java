package io.netpulse.query.flows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Template A's {@code interval_type}: the unit of "the last N ... before now". Days and weeks are 24 hours and
 * 7 days (UTC has no daylight saving); months are calendar months, so the last month before 31 March 12:00 starts
 * on 28 (or 29) February 12:00, as {@link java.time.ZonedDateTime#minusMonths} clamps to the month's end.
 */
public enum IntervalType {
    SECONDS("seconds", ChronoUnit.SECONDS),
    MINUTES("minutes", ChronoUnit.MINUTES),
    HOURS("hours", ChronoUnit.HOURS),
    DAYS("days", ChronoUnit.DAYS),
    WEEKS("weeks", ChronoUnit.WEEKS),
    MONTHS("months", ChronoUnit.MONTHS);

    /** The accepted values, for error messages. */
    public static final String NAMES = Arrays.stream(values()).map(type -> type.wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;
    private final ChronoUnit unit;

    IntervalType(String wireName, ChronoUnit unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    /**
     * {@code count} of these units before {@code now}, in UTC.
     *
     * @throws java.time.DateTimeException or {@link ArithmeticException} when that lies outside the time line
     */
    public Instant before(Instant now, long count) {
        return now.atZone(ZoneOffset.UTC).minus(count, unit).toInstant();
    }

    /** The type spelled {@code text}, if any. */
    public static Optional<IntervalType> of(String text) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(text)).findFirst();
    }
}
