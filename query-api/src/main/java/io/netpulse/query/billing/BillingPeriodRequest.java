package io.netpulse.query.billing;

import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import io.netpulse.topology.billing.BillingRange;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * The period a billing request asks for, checked before any store is read: {@code start} and {@code end}
 * (ISO-8601 instants, together or not at all; without them the current calendar month in UTC), each on a 5-minute
 * edge, {@code end} after {@code start}, at most {@link #MAX_LENGTH} long, and {@code start} no older than the
 * 5-minute samples are kept. Each refusal is a 400 naming its field.
 */
final class BillingPeriodRequest {

    /** The query parameter of the first instant. */
    static final String START = "start";
    /** The query parameter of the first instant after the period. */
    static final String END = "end";
    /** The longest period answered: the longest calendar month (8,928 samples). */
    static final Duration MAX_LENGTH = Duration.ofDays(31);

    private BillingPeriodRequest() {
    }

    /**
     * The period of {@code start} and {@code end} (either may be absent), at {@code now}, with 5-minute samples
     * kept {@code retention}.
     *
     * @throws Problem.Invalid 400 naming the field at fault
     */
    static BillingRange parse(Optional<String> start, Optional<String> end, Instant now, Duration retention) {
        if (start.isEmpty() && end.isEmpty()) {
            BillingRange month = BillingRange.monthOf(now);
            requireKept(month.start(), now, retention);
            return month;
        }
        if (start.isEmpty()) {
            throw invalid(ErrorCode.PARAMETER_INVALID, START, "is required with 'end' (leave both out for the"
                    + " current calendar month in UTC)");
        }
        if (end.isEmpty()) {
            throw invalid(ErrorCode.PARAMETER_INVALID, END, "is required with 'start' (leave both out for the"
                    + " current calendar month in UTC)");
        }
        Instant from = instant(START, start.get());
        Instant until = instant(END, end.get());
        if (!until.isAfter(from)) {
            throw invalid(ErrorCode.RANGE_INVALID, END, "must be after 'start'");
        }
        if (Duration.between(from, until).compareTo(MAX_LENGTH) > 0) {
            throw invalid(ErrorCode.RANGE_TOO_LARGE, END, "is more than 31 days after 'start'");
        }
        requireKept(from, now, retention);
        return new BillingRange(from, until);
    }

    private static Instant instant(String field, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(ErrorCode.PARAMETER_INVALID, field, "must be an ISO-8601 instant such as"
                    + " 2026-01-01T00:00:00Z");
        }
        if (!BillingRange.onSlotEdge(instant)) {
            throw invalid(ErrorCode.PARAMETER_INVALID, field, "must be on a 5-minute edge (00:00, 00:05, ...)");
        }
        return instant;
    }

    private static void requireKept(Instant start, Instant now, Duration retention) {
        Instant horizon = now.minus(retention);
        if (start.isBefore(horizon)) {
            throw invalid(ErrorCode.PARAMETER_INVALID, START, "is before " + horizon + ": 5-minute samples are"
                    + " kept " + retention.toDays() + " days");
        }
    }

    private static Problem.Invalid invalid(ErrorCode code, String field, String reason) {
        SequencedMap<String, String> fields = new LinkedHashMap<>();
        fields.put(field, reason);
        return new Problem.Invalid(code, "The '" + field + "' parameter " + reason + ".", OptionalInt.empty(),
                fields);
    }
}
