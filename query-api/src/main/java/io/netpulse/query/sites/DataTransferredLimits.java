package io.netpulse.query.sites;

import java.time.Duration;

/**
 * The limits of one data-transferred request, each answered with a 400 that states it (docs/api.md lists them).
 *
 * @param maxRange   longest range from start_time to end_time (default 400 days, the hour store's retention)
 * @param maxBuckets most buckets in one answer (default 10,080: a week of 1-minute buckets)
 * @param maxSiteIds most site ids in one request (default 50: they fit the web server's 4 KB request line,
 *                   which holds about 75 encoded {@code site_ids%5B%5D=} values)
 */
public record DataTransferredLimits(Duration maxRange, int maxBuckets, int maxSiteIds) {

    /** The defaults documented in docs/configuration.md. */
    public static DataTransferredLimits defaults() {
        return new DataTransferredLimits(Duration.ofDays(400), 10_080, 50);
    }

    /** The largest bucket interval, in minutes: one bucket spanning the longest range. */
    public long maxBucketMinutes() {
        return maxRange.toMinutes();
    }
}
