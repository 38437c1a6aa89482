package io.netpulse.query.interfaces;

import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a range is answered: the step, the store, and the buckets. Points are buckets aligned to multiples of the
 * step since the epoch (UTC) whose start lies in [from, to). The step is the smallest of {@link #STEPS} that
 * gives at most {@value #MAX_POINTS} points. Steps of an hour or more are read from the hour store; shorter steps
 * from the finest store that still keeps the range's start: minutes (7 days by default), then five minutes
 * (90 days, at 5- or 15-minute steps), then hours (at 60-minute steps). All three hold the same minute shares, so
 * a range adds up to the same bytes from any of them; that is why 5- and 15-minute steps are read from the
 * five-minute store even while the minute store keeps the range (the same buckets from a fifth of the windows),
 * unless it keeps less than the minute store does.
 *
 * @param step        bucket length
 * @param store       the store read: minute, five-minute or hour rates
 * @param firstBucket start of the first bucket
 * @param buckets     how many buckets start in the range
 */
public record SeriesPlan(Duration step, String store, Instant firstBucket, long buckets) {

    /** The steps a series may have. */
    public static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofMinutes(360), Duration.ofMinutes(1440));
    /** At most this many points per series. */
    public static final int MAX_POINTS = 1440;
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * The plan for [{@code from}, {@code to}) when it is {@code now} and the stores keep what {@code rates} says.
     * An empty range gives no bucket: {@link #isEmpty()}.
     */
    public static SeriesPlan of(Instant from, Instant to, Instant now, TopologySettings.RateSettings rates) {
        Duration step = STEPS.stream()
                .filter(candidate -> buckets(from, to, candidate) <= MAX_POINTS)
                .findFirst()
                .orElse(STEPS.getLast());
        String store = StoreNames.INTERFACE_RATES_MINUTE;
        if (step.compareTo(HOUR) >= 0) {
            store = StoreNames.INTERFACE_RATES_HOUR;
        } else if (ceil(from, step).isBefore(horizon(now, rates.minuteRetention()))) {
            step = step.compareTo(FIVE_MINUTES) < 0 ? FIVE_MINUTES : step;
            store = StoreNames.INTERFACE_RATES_FIVE_MINUTE;
            if (ceil(from, step).isBefore(horizon(now, rates.fiveMinuteRetention()))) {
                step = HOUR;
                store = StoreNames.INTERFACE_RATES_HOUR;
            }
        } else if (step.compareTo(FIVE_MINUTES) >= 0 && rates.fiveMinutesKeepEveryMinute()) {
            // Steps of whole five minutes: the same sums from a fifth of the windows.
            store = StoreNames.INTERFACE_RATES_FIVE_MINUTE;
        }
        return new SeriesPlan(step, store, ceil(from, step), buckets(from, to, step));
    }

    /**
     * The oldest window a store keeping {@code retention} still answers: it drops windows older than its stream time
     * less the retention; a minute of margin for stream time running behind the clock.
     */
    private static Instant horizon(Instant now, Duration retention) {
        return now.minus(retention).plus(Duration.ofMinutes(1));
    }

    /** Whether no bucket starts in the range (a range shorter than the step, between two bucket starts). */
    public boolean isEmpty() {
        return buckets == 0;
    }

    /** How many store windows the plan reads at most: its cost, known before anything is read. */
    public long windows() {
        Duration window = switch (store) {
            case StoreNames.INTERFACE_RATES_MINUTE -> Duration.ofMinutes(1);
            case StoreNames.INTERFACE_RATES_FIVE_MINUTE -> FIVE_MINUTES;
            default -> HOUR;
        };
        return buckets * (step.toMillis() / window.toMillis());
    }

    /**
     * The index of the bucket a window starting at {@code windowStart} (milliseconds since the epoch) belongs to:
     * 0 for the first bucket; outside [0, {@link #buckets}) for a window outside the plan's range.
     */
    public long bucketIndex(long windowStart) {
        return Math.floorDiv(windowStart - firstBucket.toEpochMilli(), step.toMillis());
    }

    /** The start of bucket {@code index}. */
    public long bucketStart(long index) {
        return firstBucket.toEpochMilli() + step.toMillis() * index;
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
