package io.netpulse.query.flows;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of an import_stats body, resolved: whichever template it used, a half-open range
 * [{@code start}, {@code end}) in whole seconds. Every bucket overlapping the range is answered.
 *
 * @param type      the resolution
 * @param start     first instant of the range, inclusive
 * @param end       end of the range, exclusive
 * @param source    the source device, normalized; empty for every source device
 * @param index     position of the request in the body, for error messages
 * @param rangeField the request field that set the range's length, named when the range is too large
 */
public record StatsQuery(StatsType type, Instant start, Instant end, Optional<String> source, int index,
                         String rangeField) {

    public StatsQuery {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " before start " + start);
        }
    }

    /** Start of the first bucket that overlaps the range. */
    public Instant firstBucket() {
        long size = type.bucket().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), size) * size);
    }

    /** How many buckets overlap the range. */
    public long buckets() {
        long size = type.bucket().toMillis();
        long span = end.toEpochMilli() - firstBucket().toEpochMilli();
        return end.equals(start) ? 0 : Math.ceilDiv(span, size);
    }
}
