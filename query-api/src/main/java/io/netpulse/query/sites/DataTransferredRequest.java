package io.netpulse.query.sites;

import io.netpulse.query.auth.Caller;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A valid Get Data Transferred Volume request, from its query parameters:
 * <ul>
 *   <li>{@code start_time}, {@code end_time}: ISO 8601 as the seed writes them ({@code 2025-10-29T08:00:00}, read
 *       as UTC), or with {@code Z} or an offset; defaults: {@code end_time} now, {@code start_time} 4 hours before
 *       {@code end_time}; end must be after start, at most {@link DataTransferredLimits#maxRange()} later;</li>
 *   <li>{@code bucket_interval_minutes}: an integer from 1 to the longest range in minutes, default 5;</li>
 *   <li>{@code site_ids[]} (or {@code site_ids}, for clients that drop the brackets), repeated: site UUIDs, at most
 *       {@link DataTransferredLimits#maxSiteIds()}; absent means every site the caller may see.</li>
 * </ul>
 * Other parameters are ignored. A request forwarded by another instance also carries {@value #RESOLUTION}, the
 * store that instance chose, so every instance reads the same one whatever its own clock says.
 *
 * @param start      start of the range, inclusive
 * @param end        end of the range, exclusive
 * @param bucket     bucket length, whole minutes
 * @param siteIds    the sites asked for, canonical (lower case), sorted and without repeats; empty when omitted
 * @param resolution the resolution another instance chose; empty on public requests
 */
public record DataTransferredRequest(Instant start, Instant end, Duration bucket, Optional<List<String>> siteIds,
                                     Optional<TransferPlan.Resolution> resolution) {

    static final String START = "start_time";
    static final String END = "end_time";
    static final String BUCKET = "bucket_interval_minutes";
    static final String SITE_IDS = "site_ids[]";
    static final String SITE_IDS_PLAIN = "site_ids";
    /** Internal parameter of forwarded requests: {@code minute} or {@code hour}. */
    static final String RESOLUTION = "resolution";
    /** Range when start_time is omitted. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(4);
    /** Bucket length when bucket_interval_minutes is omitted. */
    static final long DEFAULT_BUCKET_MINUTES = 5;

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);
    /** Times outside four-digit years are refused: their milliseconds would not fit the bucket arithmetic. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");

    /**
     * Reads and validates the parameters.
     *
     * @param parameters the query parameters, decoded, each with all its values
     * @param now        the default end
     * @param internal   whether this is a forwarded request (then {@value #RESOLUTION} is read)
     * @throws Problem.BadInput 400 naming the offending parameter
     */
    static DataTransferredRequest parse(Map<String, List<String>> parameters, Instant now,
                                        DataTransferredLimits limits, boolean internal) {
        Optional<Instant> start = single(parameters, START).map(text -> dateTime(START, text));
        Instant end = single(parameters, END).map(text -> dateTime(END, text)).orElse(now);
        Duration bucket = Duration.ofMinutes(single(parameters, BUCKET)
                .map(text -> bucketMinutes(text, limits)).orElse(DEFAULT_BUCKET_MINUTES));
        Optional<List<String>> siteIds = siteIds(parameters, limits);
        Optional<TransferPlan.Resolution> resolution = internal
                ? single(parameters, RESOLUTION).map(DataTransferredRequest::resolution) : Optional.empty();
        Instant from = start.orElse(end.minus(DEFAULT_RANGE));
        if (!end.isAfter(from)) {
            throw Problem.invalid(ErrorCode.RANGE_INVALID, "The provided '" + END + "' must be after '" + START
                    + "'" + (parameters.containsKey(END) ? "" : " (it defaults to now, " + now + ")") + ".");
        }
        if (Duration.between(from, end).compareTo(limits.maxRange()) > 0) {
            throw Problem.overLimit(ErrorCode.RANGE_TOO_LARGE, "The range from '" + START + "' to '" + END
                    + "' exceeds the maximum of " + limits.maxRange().toDays() + " days.");
        }
        return new DataTransferredRequest(from, end, bucket, siteIds, resolution);
    }

    /** The parameters that make another instance answer exactly this request. */
    Map<String, List<String>> forwarded(TransferPlan.Resolution chosen, Optional<List<String>> sites) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(START, List.of(start.toString()));
        parameters.put(END, List.of(end.toString()));
        parameters.put(BUCKET, List.of(Long.toString(bucket.toMinutes())));
        parameters.put(RESOLUTION, List.of(chosen.wireName()));
        sites.ifPresent(ids -> parameters.put(SITE_IDS, ids));
        return parameters;
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The '" + name + "' parameter is given "
                    + values.size() + " times; give it once.");
        }
        return values.stream().findFirst();
    }

    private static Instant dateTime(String name, String text) {
        Instant instant;
        try {
            TemporalAccessor parsed = DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            instant = parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + name + "' is not an ISO 8601"
                    + " date-time: use YYYY-MM-DDTHH:MM:SS (read as UTC), optionally with Z or an offset, e.g."
                    + " 2025-10-29T08:00:00.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + name + "' must lie in the years"
                    + " 0001 to 9999 (UTC).");
        }
        return instant;
    }

    private static long bucketMinutes(String text, DataTransferredLimits limits) {
        if (!INTEGER.matcher(text).matches()) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + BUCKET + "' is not an integer.");
        }
        long minutes = Long.parseLong(text);
        if (minutes < 1) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + BUCKET + "' must be at least 1.");
        }
        if (minutes > limits.maxBucketMinutes()) {
            throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + BUCKET + "' must be at most "
                    + limits.maxBucketMinutes() + " (" + limits.maxRange().toDays() + " days).");
        }
        return minutes;
    }

    private static Optional<List<String>> siteIds(Map<String, List<String>> parameters, DataTransferredLimits limits) {
        if (!parameters.containsKey(SITE_IDS) && !parameters.containsKey(SITE_IDS_PLAIN)) {
            return Optional.empty();
        }
        int given = parameters.getOrDefault(SITE_IDS, List.of()).size()
                + parameters.getOrDefault(SITE_IDS_PLAIN, List.of()).size();
        if (given > limits.maxSiteIds()) {
            throw Problem.overLimit(ErrorCode.PARAMETER_INVALID, "At most " + limits.maxSiteIds() + " '" + SITE_IDS
                    + "' values may be given; this request has " + given + ".");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (String name : List.of(SITE_IDS, SITE_IDS_PLAIN)) {
            for (String text : parameters.getOrDefault(name, List.of())) {
                ids.add(Caller.canonicalSite(text).orElseThrow(() -> Problem.invalid(ErrorCode.PARAMETER_INVALID,
                        "The provided '" + name + "' value '" + shown(text) + "' is not a valid UUID.")));
            }
        }
        return Optional.of(List.copyOf(ids));
    }

    /** A value as quoted back in a message: at most 64 characters. */
    private static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    private static TransferPlan.Resolution resolution(String text) {
        for (TransferPlan.Resolution resolution : TransferPlan.Resolution.values()) {
            if (resolution.wireName().equals(text)) {
                return resolution;
            }
        }
        throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + RESOLUTION + "' must be 'minute' or"
                + " 'hour'.");
    }
}
