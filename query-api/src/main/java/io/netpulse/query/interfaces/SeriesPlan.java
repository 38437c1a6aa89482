package io.netpulse.query.interfaces;

import io.netpulse.topology.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a range is answered: the step, the store, and the buckets. Points are buckets aligned to multiples of the
 * step since the epoch (UTC) whose start lies in [from, to). The step is the smallest of {@link #STEPS} that
 * gives at most {@value #MAX_POINTS} points. Steps of an hour or more, and ranges reaching back further than the
 * minute store keeps, are read from the hour store (at 60-minute steps or more).
 *
 * @param step        bucket length
 * @param store       the store read: minute or hour rates
 * @param firstBucket start of the first bucket
 * @param buckets     how many buckets start in the range
 */
public record SeriesPlan(Duration step, String store, Instant firstBucket, long buckets) {

    /** The steps a series may have. */
    public static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofMinutes(360), Duration.ofMinutes(1440));
    /** At most this many points per series. */
    public static final int MAX_POINTS = 1440;
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * The plan for [{@code from}, {@code to}) when it is {@code now} and the minute store keeps
     * {@code minuteRetention}. An empty range gives no bucket: {@link #isEmpty()}.
     */
    public static SeriesPlan of(Instant from, Instant to, Instant now, Duration minuteRetention) {
        Duration step = STEPS.stream()
                .filter(candidate -> buckets(from, to, candidate) <= MAX_POINTS)
                .findFirst()
                .orElse(STEPS.getLast());
        // The minute store answers windows from (stream time - retention); a minute of margin for stream time
        // running behind the clock.
        Instant minuteHorizon = now.minus(minuteRetention).plus(Duration.ofMinutes(1));
        if (step.compareTo(HOUR) < 0 && ceil(from, step).isBefore(minuteHorizon)) {
            step = HOUR;
        }
        String store = step.compareTo(HOUR) < 0 ? StoreNames.INTERFACE_RATES_MINUTE : StoreNames.INTERFACE_RATES_HOUR;
        return new SeriesPlan(step, store, ceil(from, step), buckets(from, to, step));
    }

    /** Whether no bucket starts in the range (a range shorter than the step, between two bucket starts). */
    public boolean isEmpty() {
        return buckets == 0;
    }

    /** How many store windows the plan reads at most: its cost, known before anything is read. */
    public long windows() {
        Duration window = store.equals(StoreNames.INTERFACE_RATES_MINUTE) ? Duration.ofMinutes(1) : HOUR;
        return buckets * (step.toMillis() / window.toMillis());
    }

    /** The bucket a window starting at {@code windowStart} belongs to. */
    public Instant bucketOf(Instant windowStart) {
        long stepMillis = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(windowStart.toEpochMilli(), stepMillis) * stepMillis);
    }

    /** The last instant of the window range read from the store (window starts, inclusive). */
    public Instant readUntil() {
        return firstBucket.plus(step.multipliedBy(buckets)).minusMillis(1);
    }

    private static long buckets(Instant from, Instant to, Duration step) {
        Instant first = ceil(from, step);
        if (!first.isBefore(to)) {
            return 0;
        }
        return (to.toEpochMilli() - 1 - first.toEpochMilli()) / step.toMillis() + 1;
    }

    private static Instant ceil(Instant at, Duration step) {
        long stepMillis = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis);
    }
}
