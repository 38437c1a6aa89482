package io.netpulse.query.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import io.netpulse.topology.IpAddresses;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an import_stats body into {@link StatsQuery}s: an array of requests or a single request object, each in
 * one of the seed's three templates.
 * <ul>
 *   <li>A: {@code interval_type} and {@code time_interval}, the last N units before now;</li>
 *   <li>B: {@code start_time} and {@code end_time} as {@code "dd/MM/yyyy HH:mm:ss"} strings, UTC;</li>
 *   <li>C: {@code start_time} and {@code end_time} as epoch seconds (JSON integers).</li>
 * </ul>
 * Each needs {@code stats_type} and {@code source_ip} ({@code ""} for every source device). Other fields are
 * ignored. The first problem found is answered as BAD_REQUEST naming the request and the field.
 */
final class ImportStatsRequests {

    /** Template B's date form, strict: 31/02 or 24:00:00 are errors, not rolled over. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    /** The first epoch second that would need a five-digit year in the answer's time column. */
    static final long EPOCH_SECONDS_LIMIT = 253_402_300_800L;

    private static final String STATS_TYPE = "stats_type";
    private static final String SOURCE_IP = "source_ip";
    private static final String INTERVAL_TYPE = "interval_type";
    private static final String TIME_INTERVAL = "time_interval";
    private static final String START_TIME = "start_time";
    private static final String END_TIME = "end_time";

    private ImportStatsRequests() {
    }

    /**
     * The queries of {@code body}.
     *
     * @param now end of template A's ranges, whole seconds
     * @throws Problem.BadInput BAD_REQUEST for the first problem
     */
    static List<StatsQuery> parse(byte[] body, Instant now, ImportStatsLimits limits) {
        JsonNode tree;
        try {
            tree = ImportStatsJson.tree(body);
        } catch (JsonProcessingException e) {
            throw badBody("not valid JSON" + ImportStatsJson.location(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw badBody("empty; give a request object or an array of them");
        }
        List<JsonNode> elements = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(elements::add);
        } else if (tree.isObject()) {
            elements.add(tree);
        } else {
            throw badBody("must be a request object or an array of them");
        }
        if (elements.isEmpty()) {
            throw badBody("holds no request");
        }
        if (elements.size() > limits.maxRequests()) {
            String reason = "holds " + elements.size() + " requests; at most " + limits.maxRequests()
                    + " are answered at once";
            throw Problem.overLimitBody("The request body " + reason + ".", reason);
        }
        List<StatsQuery> queries = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            queries.add(query(elements.get(i), i, now, limits));
        }
        return queries;
    }

    private static StatsQuery query(JsonNode request, int index, Instant now, ImportStatsLimits limits) {
        if (!request.isObject()) {
            throw Problem.invalidField(index, "request", "must be a JSON object");
        }
        StatsType type = request.hasNonNull(STATS_TYPE) && request.get(STATS_TYPE).isTextual()
                ? StatsType.of(request.get(STATS_TYPE).asText()).orElse(null) : null;
        if (type == null) {
            throw Problem.invalidField(index, STATS_TYPE, request.has(STATS_TYPE)
                    ? "must be one of " + StatsType.NAMES : "missing; give one of " + StatsType.NAMES);
        }
        boolean templateA = request.has(INTERVAL_TYPE) || request.has(TIME_INTERVAL);
        boolean templateBC = request.has(START_TIME) || request.has(END_TIME);
        if (templateA && templateBC) {
            throw Problem.invalidField(index, START_TIME,
                    "cannot be combined with interval_type and time_interval; use one template");
        }
        if (!templateA && !templateBC) {
            throw Problem.invalidField(index, INTERVAL_TYPE,
                    "missing; give interval_type and time_interval, or start_time and end_time");
        }
        Instant start;
        Instant end;
        String rangeField;
        if (templateA) {
            end = now;
            start = lastBefore(request, index, now);
            rangeField = TIME_INTERVAL;
        } else {
            start = time(request, START_TIME, index, null);
            end = time(request, END_TIME, index, request.get(START_TIME));
            rangeField = END_TIME;
            if (start.isAfter(end)) {
                throw Problem.invalidField(index, START_TIME, "is after end_time");
            }
        }
        Optional<String> source = source(request, index);
        StatsQuery query = new StatsQuery(type, start, end, source, index, rangeField);
        if (query.buckets() > limits.maxBucketsPerRequest()) {
            throw Problem.overLimit(index, rangeField, "the range spans " + query.buckets() + " "
                    + type.wireName() + " buckets; at most " + limits.maxBucketsPerRequest()
                    + " are answered per request");
        }
        return query;
    }

    /** 400 for the body as a whole. */
    static Problem.Invalid badBody(String reason) {
        return Problem.invalidBody(ErrorCode.BODY_INVALID, "The request body " + reason + ".", reason);
    }

    private static Instant lastBefore(JsonNode request, int index, Instant now) {
        JsonNode unit = request.get(INTERVAL_TYPE);
        IntervalType intervalType = unit != null && unit.isTextual() ? IntervalType.of(unit.asText()).orElse(null)
                : null;
        if (intervalType == null) {
            throw Problem.invalidField(index, INTERVAL_TYPE, unit == null
                    ? "missing; give one of " + IntervalType.NAMES : "must be one of " + IntervalType.NAMES);
        }
        JsonNode count = request.get(TIME_INTERVAL);
        if (count == null || !count.isIntegralNumber() || !count.canConvertToLong() || count.asLong() <= 0) {
            throw Problem.invalidField(index, TIME_INTERVAL, count == null
                    ? "missing; give a positive integer" : "must be a positive integer without quotes");
        }
        try {
            return intervalType.before(now, count.asLong());
        } catch (DateTimeException | ArithmeticException e) {
            throw Problem.invalidField(index, TIME_INTERVAL, "reaches before the start of time");
        }
    }

    private static Instant time(JsonNode request, String field, int index, JsonNode startTime) {
        JsonNode value = request.get(field);
        if (value == null) {
            throw Problem.invalidField(index, field,
                    "missing; give start_time and end_time, both \"dd/MM/yyyy HH:mm:ss\" or both epoch seconds");
        }
        boolean wantsText = startTime == null ? value.isTextual() : startTime.isTextual();
        if (startTime != null && value.isTextual() != wantsText) {
            throw Problem.invalidField(index, field, wantsText
                    ? "must be a \"dd/MM/yyyy HH:mm:ss\" string like start_time"
                    : "must be epoch seconds like start_time");
        }
        if (value.isTextual()) {
            try {
                return LocalDateTime.parse(value.asText(), DATE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw Problem.invalidField(index, field,
                        "must be a date as \"dd/MM/yyyy HH:mm:ss\" (UTC), e.g. \"23/08/2023 11:36:41\"");
            }
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
                && value.asLong() < EPOCH_SECONDS_LIMIT) {
            return Instant.ofEpochSecond(value.asLong());
        }
        throw Problem.invalidField(index, field, "must be a \"dd/MM/yyyy HH:mm:ss\" string or epoch"
                + " seconds, an integer from 0 to " + (EPOCH_SECONDS_LIMIT - 1));
    }

    private static Optional<String> source(JsonNode request, int index) {
        JsonNode value = request.get(SOURCE_IP);
        if (value == null || !value.isTextual()) {
            throw Problem.invalidField(index, SOURCE_IP, value == null
                    ? "missing; give an IPv4 or IPv6 address, or \"\" for every source device"
                    : "must be a string: an IPv4 or IPv6 address, or \"\" for every source device");
        }
        if (value.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IpAddresses.normalize(value.asText()).orElseThrow(() ->
                Problem.invalidField(index, SOURCE_IP, "not an IPv4 or IPv6 address: '"
                        + value.asText() + "'")));
    }
}
