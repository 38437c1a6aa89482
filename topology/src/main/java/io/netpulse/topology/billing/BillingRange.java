package io.netpulse.topology.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A billing period [start, end): whole 5-minute slots, so each slot is in it or not and the number of slots a
 * period expects is exact. A calendar month in UTC by default.
 *
 * @param start first instant, on a 5-minute edge
 * @param end   first instant after, on a 5-minute edge, after {@code start}
 */
public record BillingRange(Instant start, Instant end) {

    /** The length of one sample. */
    public static final Duration SLOT = Duration.ofMinutes(5);

    private static final long SLOT_MILLIS = SLOT.toMillis();

    public BillingRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!onSlotEdge(start) || !onSlotEdge(end) || !start.isBefore(end)) {
            throw new IllegalArgumentException("not a period of whole 5-minute slots: " + start + ".." + end);
        }
    }

    /** The calendar month (UTC) holding {@code instant}. */
    public static BillingRange monthOf(Instant instant) {
        ZonedDateTime first = instant.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate()
                .atStartOfDay(ZoneOffset.UTC);
        return new BillingRange(first.toInstant(), first.plusMonths(1).toInstant());
    }

    /** Whether {@code instant} starts a 5-minute slot. */
    public static boolean onSlotEdge(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.toEpochMilli(), SLOT_MILLIS) == 0;
    }

    /** The number of 5-minute slots in the period: what n would be if no sample were missing. */
    public int expectedSamples() {
        return Math.toIntExact(Duration.between(start, end).toMillis() / SLOT_MILLIS);
    }

    /** The length of the period. */
    public Duration length() {
        return Duration.between(start, end);
    }
}
