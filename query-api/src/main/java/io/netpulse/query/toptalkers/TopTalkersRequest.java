package io.netpulse.query.toptalkers;

import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.toptalkers.TalkerLists.By;
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
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * A valid top talkers request, from its query parameters; every limit is checked here, before any store is read.
 * <ul>
 *   <li>{@code n}: how many addresses per side, an integer from 1 to {@value #MAX_N}, default {@value #DEFAULT_N};</li>
 *   <li>{@code by}: {@code bytes} (default) or {@code packets};</li>
 *   <li>{@code range}: {@code minute}, {@code hour} (default) or {@code day}, the minutes ending with the current
 *       one; or instead {@code start} and {@code end}, ISO 8601 whole minutes ({@code 2026-01-01T10:00:00Z}; without
 *       offset read as UTC), {@code end} defaulting to the end of the current minute and not after it. The range
 *       must lie within the hour retention, and a part of it that is not whole hours within the minute
 *       retention.</li>
 * </ul>
 *
 * @param n     addresses per side
 * @param by    what ranks them
 * @param start start of the range, inclusive, a whole minute
 * @param end   end of the range, exclusive, a whole minute
 */
public record TopTalkersRequest(int n, By by, Instant start, Instant end) {

    static final String N = "n";
    static final String BY = "by";
    static final String RANGE = "range";
    static final String START = "start";
    static final String END = "end";
    static final int MAX_N = 100;
    static final int DEFAULT_N = 10;

    private static final Map<String, Duration> RANGES = Map.of("minute", Duration.ofMinutes(1),
            "hour", Duration.ofHours(1), "day", Duration.ofDays(1));
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * Reads and validates the parameters.
     *
     * @param parameters the query parameters, decoded, each with all its values
     * @param now        the clock: the current minute ends the default range
     * @param flows      the retentions a range must lie in
     * @throws Problem.BadInput 400 naming the parameter
     */
    static TopTalkersRequest parse(Map<String, List<String>> parameters, Instant now, FlowSettings flows) {
        int n = single(parameters, N).map(TopTalkersRequest::n).orElse(DEFAULT_N);
        By by = single(parameters, BY).map(TopTalkersRequest::by).orElse(By.BYTES);
        Optional<String> range = single(parameters, RANGE);
        Optional<Instant> start = single(parameters, START).map(text -> wholeMinute(START, text));
        Optional<Instant> end = single(parameters, END).map(text -> wholeMinute(END, text));
        Instant currentEnd = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from;
        Instant to;
        if (range.isPresent()) {
            if (start.isPresent() || end.isPresent()) {
                throw bad(RANGE, "give either '" + RANGE + "' or '" + START + "' and '" + END + "', not both");
            }
            Duration length = RANGES.get(range.get());
            if (length == null) {
                throw bad(RANGE, "must be 'minute', 'hour' or 'day'");
            }
            to = currentEnd;
            from = to.minus(length);
        } else if (start.isPresent()) {
            from = start.get();
            to = end.orElse(currentEnd);
        } else if (end.isPresent()) {
            throw bad(START, "is required with '" + END + "'");
        } else {
            to = currentEnd;
            from = to.minus(RANGES.get("hour"));
        }
        if (!to.isAfter(from)) {
            throw Problem.invalid(ErrorCode.RANGE_INVALID, "The provided '" + END + "' must be after '" + START
                    + "'.");
        }
        if (to.isAfter(currentEnd)) {
            throw bad(END, "must not be after the end of the current minute, " + currentEnd);
        }
        Instant oldestHour = hourCeiling(now.minus(flows.hourRetention()));
        if (from.isBefore(oldestHour)) {
            throw bad(START, "must not be before " + oldestHour + ": hours are kept "
                    + flows.hourRetention().toDays() + " days");
        }
        Instant oldestMinute = now.minus(flows.minuteRetention());
        if (!isWholeHour(from) && from.isBefore(oldestMinute)) {
            throw bad(START, "must be a whole hour when it is older than " + flows.minuteRetention().toDays()
                    + " days: minutes are kept no longer");
        }
        if (!isWholeHour(to) && to.truncatedTo(ChronoUnit.HOURS).isBefore(oldestMinute)) {
            throw bad(END, "must be a whole hour when it is older than " + flows.minuteRetention().toDays()
                    + " days: minutes are kept no longer");
        }
        return new TopTalkersRequest(n, by, from, to);
    }

    /** The parameters that make another instance answer exactly this request. */
    Map<String, List<String>> forwarded() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(N, List.of(Integer.toString(n)));
        parameters.put(BY, List.of(by.name().toLowerCase(Locale.ROOT)));
        parameters.put(START, List.of(start.toString()));
        parameters.put(END, List.of(end.toString()));
        return parameters;
    }

    /** The buckets the range reads: whole hours, else minutes. */
    long buckets() {
        Instant firstHour = hourCeiling(start);
        Instant lastHour = end.truncatedTo(ChronoUnit.HOURS);
        if (!firstHour.isBefore(lastHour)) {
            return Duration.between(start, end).toMinutes();
        }
        return Duration.between(firstHour, lastHour).toHours() + Duration.between(start, firstHour).toMinutes()
                + Duration.between(lastHour, end).toMinutes();
    }

    static Instant hourCeiling(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(Duration.ofHours(1));
    }

    private static boolean isWholeHour(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS).equals(instant);
    }

    private static int n(String text) {
        if (!INTEGER.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_N) {
            throw bad(N, "must be an integer from 1 to " + MAX_N);
        }
        return Integer.parseInt(text);
    }

    private static By by(String text) {
        return switch (text) {
            case "bytes" -> By.BYTES;
            case "packets" -> By.PACKETS;
            default -> throw bad(BY, "must be 'bytes' or 'packets'");
        };
    }

    private static Instant wholeMinute(String name, String text) {
        Instant instant;
        try {
            TemporalAccessor parsed = DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            instant = parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(name, "is not an ISO 8601 date-time such as 2026-01-01T10:00:00Z");
        }
        if (!instant.truncatedTo(ChronoUnit.MINUTES).equals(instant)) {
            throw bad(name, "must be a whole minute: top talkers are kept per minute");
        }
        return instant;
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw bad(name, "is given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst();
    }

    private static Problem.Invalid bad(String field, String reason) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put(field, reason);
        return Problem.invalidFields(fields);
    }
}
