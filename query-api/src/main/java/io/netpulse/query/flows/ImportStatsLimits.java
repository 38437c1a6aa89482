package io.netpulse.query.flows;

import java.time.Duration;

/**
 * The limits of the import_stats API, each answered with 400 BAD_REQUEST naming what exceeded it.
 *
 * @param maxBodyBytes      largest request body read
 * @param maxRequests       most requests in one body
 * @param maxBucketsPerRequest most buckets one request may span (the default, 10080, is a week of minutes,
 *                          420 days of hours or 2 h 48 min of seconds)
 * @param maxRows           most rows in one answer, all requests together
 * @param fanOutTimeout     how long the slowest instance may take to answer its part of an every-source query
 */
public record ImportStatsLimits(int maxBodyBytes, int maxRequests, long maxBucketsPerRequest, int maxRows,
                                Duration fanOutTimeout) {

    /** The documented defaults. */
    public static ImportStatsLimits defaults() {
        return new ImportStatsLimits(64 * 1024, 100, 10_080, 100_000, Duration.ofSeconds(10));
    }

    /** These limits with another fan-out deadline (the configured forward timeout). */
    public ImportStatsLimits withFanOutTimeout(Duration timeout) {
        return new ImportStatsLimits(maxBodyBytes, maxRequests, maxBucketsPerRequest, maxRows, timeout);
    }
}
