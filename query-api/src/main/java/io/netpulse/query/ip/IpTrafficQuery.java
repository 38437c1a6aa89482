package io.netpulse.query.ip;

import io.helidon.common.parameters.Parameters;
import io.netpulse.query.error.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query parameters of a traffic statistics request, validated: every problem is collected so that one 400
 * names each invalid field ({@code scope}, {@code startDate}, {@code endDate}, {@code period}, {@code method}, in
 * that order). Dates are UTC days; the range runs from startDate 00:00 through the end of endDate.
 *
 * @param scope     receive, transmit or total
 * @param startDate first day, inclusive
 * @param endDate   last day, inclusive
 * @param period    hourly or daily data sets
 * @param method    avg, sum, min or max
 */
public record IpTrafficQuery(TrafficScope scope, LocalDate startDate, LocalDate endDate, TrafficPeriod period,
                             TrafficMethod method) {

    /** The parameters, in the order a 400 names them. */
    public static final List<String> FIELDS = List.of("scope", "startDate", "endDate", "period", "method");

    /** Four-digit years only: the range's end (the day after endDate) must stay on the calendar. */
    private static final Pattern FOUR_DIGIT_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * Reads and validates the parameters of a request for a server created on {@code serverCreated}.
     *
     * @throws Problem.Invalid 400 naming every invalid field: missing, repeated, not one of the allowed values,
     *                            not a yyyy-mm-dd date, a startDate before the server's creation or an endDate
     *                            before the startDate
     */
    public static IpTrafficQuery parse(Parameters query, LocalDate serverCreated) {
        Map<String, String> problems = new LinkedHashMap<>();
        TrafficScope scope = read(query, "scope", problems, text -> choice(text, TrafficScope.values(),
                TrafficScope::text));
        LocalDate start = read(query, "startDate", problems, IpTrafficQuery::date);
        LocalDate end = read(query, "endDate", problems, IpTrafficQuery::date);
        TrafficPeriod period = read(query, "period", problems, text -> choice(text, TrafficPeriod.values(),
                TrafficPeriod::text));
        TrafficMethod method = read(query, "method", problems, text -> choice(text, TrafficMethod.values(),
                TrafficMethod::text));
        if (start != null && start.isBefore(serverCreated)) {
            problems.put("startDate", start + " is less than minimum value " + serverCreated);
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.put("endDate", end + " is less than minimum value " + start);
        }
        if (!problems.isEmpty()) {
            SequencedMap<String, String> ordered = new LinkedHashMap<>();
            FIELDS.stream().filter(problems::containsKey).forEach(field -> ordered.put(field, problems.get(field)));
            throw Problem.invalidFields(ordered);
        }
        return new IpTrafficQuery(scope, start, end, period, method);
    }

    /** Start of the range: startDate 00:00 UTC. */
    public Instant from() {
        return startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** End of the range, exclusive: the day after endDate, 00:00 UTC. */
    public Instant until() {
        return endDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The range counted in hourly data sets, whatever the period: the measure of the limit. */
    public long hourlyDataSets() {
        return ChronoUnit.DAYS.between(startDate, endDate.plusDays(1)) * 24;
    }

    private static <T> T read(Parameters query, String field, Map<String, String> problems,
                              Function<String, T> parser) {
        List<String> values = query.all(field, List::of);
        if (values.isEmpty() || values.size() == 1 && values.getFirst().isEmpty()) {
            problems.put(field, "missing required value");
            return null;
        }
        if (values.size() > 1) {
            problems.put(field, "given " + values.size() + " times; give it once");
            return null;
        }
        try {
            return parser.apply(values.getFirst());
        } catch (IllegalArgumentException e) {
            problems.put(field, e.getMessage());
            return null;
        }
    }

    private static LocalDate date(String text) {
        if (!FOUR_DIGIT_DATE.matcher(text).matches()) {
            throw new IllegalArgumentException(text + " is not a date of the form yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(text + " is not a date of the form yyyy-mm-dd");
        }
    }

    private static <E extends Enum<E>> E choice(String text, E[] values, Function<E, String> name) {
        for (E value : values) {
            if (name.apply(value).equals(text)) {
                return value;
            }
        }
        List<String> allowed = Arrays.stream(values).map(name).toList();
        throw new IllegalArgumentException(text + " is not one of " + String.join(", ", allowed));
    }
}
