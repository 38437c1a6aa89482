package io.netpulse.query.sites;

import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a range is answered. The store's windows (minutes, or hours) whose start lies in [start, end) are counted,
 * each in the bucket that contains it; buckets are aligned to multiples of the bucket interval since the epoch
 * (UTC), and every bucket from the one holding the first counted window to the one holding the last is answered,
 * zeros included. So the buckets of an answer add up to the volume of [start, end) whatever the interval, and the
 * first bucket starts before start_time when start_time is not on a bucket boundary.
 *
 * <p>Buckets of 60 minutes or more are read from the hour store. Shorter ones from the finest store that still
 * keeps the range's start (its retention, less a minute for stream time lagging the clock): minutes, then five
 * minutes, where the interval must be a multiple of 5, then hours, where it must be a multiple of 60. All three
 * hold the same minute shares, so the buckets add up to the same bytes from any of them. That is also why a range
 * read from minutes in buckets of a multiple of 5 minutes ({@link #reads}) takes its whole five-minute windows from
 * the five-minute store and only the minutes before the first and after the last from the minute store: the same
 * bytes from a fifth of the windows (52 instead of 240 for the default four hours).
 *
 * @param resolution  the store that keeps the range: what every window counted is a multiple of
 * @param bucket      bucket length
 * @param firstWindow start of the first window counted
 * @param lastWindow  start of the last window counted
 * @param firstBucket start of the first bucket
 * @param buckets     how many buckets the answer holds (0 when no window starts in the range)
 * @param coarse      the store read for the whole windows of its length inside the range; {@code resolution} when
 *                    the buckets are not made of them or that store does not keep the range
 */
public record TransferPlan(Resolution resolution, Duration bucket, Instant firstWindow, Instant lastWindow,
                           Instant firstBucket, int buckets, Resolution coarse) {

    /** A plan read from {@code resolution} alone. */
    public TransferPlan(Resolution resolution, Duration bucket, Instant firstWindow, Instant lastWindow,
                        Instant firstBucket, int buckets) {
        this(resolution, bucket, firstWindow, lastWindow, firstBucket, buckets, resolution);
    }

    /**
     * One read of a store: the windows of {@code resolution} that start from {@code first} to {@code last}.
     *
     * @param resolution the store read
     * @param first      start of the first window read
     * @param last       start of the last window read
     */
    public record Read(Resolution resolution, Instant first, Instant last) {

        /** How many windows of one key it reads at most. */
        long windows() {
            return (last.toEpochMilli() - first.toEpochMilli()) / resolution.window().toMillis() + 1;
        }
    }

    /** The three site volume stores, finest first. */
    public enum Resolution {
        MINUTE(StoreNames.SITE_VOLUME_MINUTE, Duration.ofMinutes(1), "minute"),
        FIVE_MINUTES(StoreNames.SITE_VOLUME_FIVE_MINUTE, Duration.ofMinutes(5), "five-minute"),
        HOUR(StoreNames.SITE_VOLUME_HOUR, Duration.ofHours(1), "hour");

        private final String store;
        private final Duration window;
        private final String wireName;

        Resolution(String store, Duration window, String wireName) {
            this.store = store;
            this.window = window;
            this.wireName = wireName;
        }

        /** The store holding windows of this length. */
        public String store() {
            return store;
        }

        /** The window length. */
        public Duration window() {
            return window;
        }

        /** The value of the internal {@code resolution} parameter. */
        public String wireName() {
            return wireName;
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * The plan of {@code request} when it is {@code now} and the stores keep what {@code rates} says.
     *
     * @throws Problem.BadInput 400 for an interval the store that keeps the range cannot answer, or too many buckets
     */
    static TransferPlan of(DataTransferredRequest request, Instant now, TopologySettings.RateSettings rates,
                           int maxBuckets) {
        Duration bucket = request.bucket();
        Resolution resolution = request.resolution().orElseGet(() -> finest(request, now, rates));
        long multiple = resolution.window().toMinutes();
        if (bucket.toMinutes() % multiple != 0) {
            Duration kept = resolution == Resolution.HOUR ? rates.fiveMinuteRetention() : rates.minuteRetention();
            String finer = resolution == Resolution.HOUR ? "five-minute" : "minute";
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + DataTransferredRequest.BUCKET
                    + "' (" + bucket.toMinutes() + ") must be a multiple of " + multiple + ": "
                    + (bucket.compareTo(HOUR) >= 0
                    ? "buckets of an hour or more are built from hourly volumes."
                    : "the range starts more than " + kept.toDays() + " days ago, before the " + finer
                            + " volumes kept, so it is answered from " + (resolution == Resolution.HOUR
                            ? "hourly" : "five-minute") + " volumes."));
        }
        Instant firstWindow = ceil(request.start(), resolution.window());
        Instant lastWindow = floor(request.end().minusMillis(1), resolution.window());
        // Whole five minutes lie in one bucket only when the bucket is made of them.
        Resolution coarse = resolution == Resolution.MINUTE && bucket.toMinutes() % 5 == 0
                && rates.fiveMinutesKeepEveryMinute() ? Resolution.FIVE_MINUTES : resolution;
        if (firstWindow.isAfter(lastWindow)) {
            return new TransferPlan(resolution, bucket, firstWindow, lastWindow, floor(firstWindow, bucket), 0,
                    coarse);
        }
        Instant firstBucket = floor(firstWindow, bucket);
        long buckets = (floor(lastWindow, bucket).toEpochMilli() - firstBucket.toEpochMilli()) / bucket.toMillis() + 1;
        if (buckets > maxBuckets) {
            throw Problem.overLimit(ErrorCode.BUCKETS_TOO_MANY, "The range from '" + DataTransferredRequest.START
                    + "' to '" + DataTransferredRequest.END + "' at a '" + DataTransferredRequest.BUCKET + "' of "
                    + bucket.toMinutes() + " gives " + buckets + " buckets; the maximum is " + maxBuckets + ".");
        }
        return new TransferPlan(resolution, bucket, firstWindow, lastWindow, firstBucket, (int) buckets, coarse);
    }

    /**
     * The reads that count every window of the plan once, in time order: the {@link #coarse} windows wholly inside
     * [firstWindow, lastWindow + one window) from their store, the windows before the first and after the last of
     * them from {@link #resolution}'s; one read of {@link #resolution} when no coarse window fits. Empty without
     * buckets.
     */
    public List<Read> reads() {
        if (buckets == 0) {
            return List.of();
        }
        Read whole = new Read(resolution, firstWindow, lastWindow);
        Duration step = coarse.window();
        Instant end = lastWindow.plus(resolution.window());
        Instant coarseFirst = ceil(firstWindow, step);
        Instant coarseEnd = floor(end, step);
        if (coarse == resolution || !coarseFirst.isBefore(coarseEnd)) {
            return List.of(whole);
        }
        List<Read> reads = new ArrayList<>(3);
        if (firstWindow.isBefore(coarseFirst)) {
            reads.add(new Read(resolution, firstWindow, coarseFirst.minus(resolution.window())));
        }
        reads.add(new Read(coarse, coarseFirst, coarseEnd.minus(step)));
        if (coarseEnd.isBefore(end)) {
            reads.add(new Read(resolution, coarseEnd, lastWindow));
        }
        return List.copyOf(reads);
    }

    /** How many windows of one site the plan reads at most: its cost per site, known before anything is read. */
    long windows() {
        return reads().stream().mapToLong(Read::windows).sum();
    }

    /** The finest store that keeps the start of the range, the hour store for buckets of an hour or more. */
    private static Resolution finest(DataTransferredRequest request, Instant now, TopologySettings.RateSettings rates) {
        if (request.bucket().compareTo(HOUR) >= 0) {
            return Resolution.HOUR;
        }
        if (!ceil(request.start(), Resolution.MINUTE.window()).isBefore(horizon(now, rates.minuteRetention()))) {
            return Resolution.MINUTE;
        }
        if (!ceil(request.start(), Resolution.FIVE_MINUTES.window())
                .isBefore(horizon(now, rates.fiveMinuteRetention()))) {
            return Resolution.FIVE_MINUTES;
        }
        return Resolution.HOUR;
    }

    private static Instant horizon(Instant now, Duration retention) {
        return now.minus(retention).plus(Duration.ofMinutes(1));
    }

    /** The index of the bucket holding the window starting at {@code windowStart}, empty when outside the plan. */
    Optional<Integer> indexOf(Instant windowStart) {
        if (windowStart.isBefore(firstWindow) || windowStart.isAfter(lastWindow)) {
            return Optional.empty();
        }
        return Optional.of((int) ((windowStart.toEpochMilli() - firstBucket.toEpochMilli()) / bucket.toMillis()));
    }

    /** Start of bucket {@code index}. */
    Instant bucketStart(int index) {
        return firstBucket.plus(bucket.multipliedBy(index));
    }

    private static Instant floor(Instant at, Duration step) {
        long stepMillis = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), stepMillis) * stepMillis);
    }

    private static Instant ceil(Instant at, Duration step) {
        long stepMillis = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis);
    }
}
