package io.netpulse.query.alerts;

import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import io.netpulse.topology.alerts.AlertRule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A valid {@code GET /alerts} request, from its query parameters (other parameters are ignored):
 * <ul>
 *   <li>{@code state}: {@code active} (default) or {@code all} (active and cleared within the retention);</li>
 *   <li>{@code since}: an ISO 8601 instant ({@code 2026-01-01T00:00:00Z}); only alerts active at or after it:
 *       still active, or cleared at or after it;</li>
 *   <li>{@code rule}: {@code interface-utilization}, {@code source-silent} or {@code ip-spike}; all when absent;</li>
 *   <li>{@code limit}: the most alerts answered, 1 to {@code maxLimit}, default {@value #DEFAULT_LIMIT}.</li>
 * </ul>
 *
 * @param all   true for {@code state=all}
 * @param since the earliest end of a cleared alert answered, if given
 * @param rule  the one rule answered, if given
 * @param limit the most alerts answered
 */
public record AlertsRequest(boolean all, Optional<Instant> since, Optional<AlertRule> rule, int limit) {

    static final String STATE = "state";
    static final String SINCE = "since";
    static final String RULE = "rule";
    static final String LIMIT = "limit";
    /** Alerts answered when {@code limit} is omitted. */
    static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit} accepted by default. */
    static final int DEFAULT_MAX_LIMIT = 1_000;

    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final String RULES = Arrays.stream(AlertRule.values()).map(AlertRule::wireName)
            .collect(Collectors.joining(", "));

    /**
     * Reads and validates the parameters.
     *
     * @throws Problem.BadInput 400 naming the offending parameter
     */
    static AlertsRequest parse(Map<String, List<String>> parameters, int maxLimit) {
        boolean all = single(parameters, STATE).map(state -> switch (state) {
            case "active" -> false;
            case "all" -> true;
            default -> throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + STATE
                    + "' must be active or all.");
        }).orElse(false);
        Optional<Instant> since = single(parameters, SINCE).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + SINCE + "' is not an ISO"
                        + " 8601 instant such as 2026-01-01T00:00:00Z.");
            }
        });
        Optional<AlertRule> rule = single(parameters, RULE).map(text -> AlertRule.of(text).orElseThrow(() ->
                Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + RULE + "' must be one of " + RULES
                        + ".")));
        int limit = single(parameters, LIMIT).map(text -> {
            if (!INTEGER.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > maxLimit) {
                throw Problem.overLimit(ErrorCode.PARAMETER_INVALID, "The provided '" + LIMIT
                        + "' must be an integer from 1 to " + maxLimit + ".");
            }
            return Integer.parseInt(text);
        }).orElse(Math.min(DEFAULT_LIMIT, maxLimit));
        return new AlertsRequest(all, since, rule, limit);
    }

    /** The parameters that make another instance answer exactly this request. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(STATE, List.of(all ? "all" : "active"));
        since.ifPresent(instant -> parameters.put(SINCE, List.of(instant.toString())));
        rule.ifPresent(named -> parameters.put(RULE, List.of(named.wireName())));
        parameters.put(LIMIT, List.of(Integer.toString(limit)));
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
}
