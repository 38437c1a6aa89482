package io.netpulse.query.flows;

/**
 * The limits of the import_stats API, each answered with 400 BAD_REQUEST naming what exceeded it, on the public
 * route and on the internal one alike.
 *
 * @param maxBodyBytes         largest request body read
 * @param maxRequests          most requests in one body
 * @param maxBucketsPerRequest most buckets one request may span (the default, 10080, is a week of minutes,
 *                             420 days of hours or 2 h 48 min of seconds)
 * @param maxRows              most rows in one answer, all requests together: checked on the plan before any
 *                             store is read (sources known by then times buckets), and while reading
 */
public record ImportStatsLimits(int maxBodyBytes, int maxRequests, long maxBucketsPerRequest, int maxRows) {

    /** The documented defaults. */
    public static ImportStatsLimits defaults() {
        return new ImportStatsLimits(64 * 1024, 100, 10_080, 100_000);
    }
}
