package io.netpulse.query.interfaces;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.error.Problem;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.pipeline.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A valid Get Interface Metrics request: {@code POST /metrics/interfaces/{interfaceId}/metrics} with body
 * {@code {"from": ..., "to": ...}}. Limits: a body of at most {@value #MAX_BODY_BYTES} bytes, a range of at
 * most the configured maximum (default {@link #DEFAULT_MAX_RANGE}).
 *
 * @param interfaceId the interface, a UUID
 * @param from        start of the range, inclusive
 * @param to          end of the range, exclusive
 */
public record InterfaceMetricsRequest(UUID interfaceId, Instant from, Instant to) {

    /** Largest accepted body; a from/to pair needs about 60 bytes. */
    public static final int MAX_BODY_BYTES = 4096;
    /** Default longest range one request may ask for. */
    public static final Duration DEFAULT_MAX_RANGE = Duration.ofDays(31);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String EXAMPLE = " (e.g. 2025-10-29T10:00:00Z)";
    /** Times outside four-digit years are refused: their milliseconds would not fit the bucket arithmetic. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * Reads and validates the request.
     *
     * @throws Problem.BadInput 400 naming the offending field
     */
    public static InterfaceMetricsRequest parse(ServerRequest request, Duration maxRange) {
        UUID id = interfaceId(request.path().pathParameters().get("interfaceId"));
        return parse(id, RequestBody.read(request, MAX_BODY_BYTES).orElse(null), maxRange);
    }

    /** Validates an already read body ({@code null} when there is none) for interface {@code id}. */
    static InterfaceMetricsRequest parse(UUID id, byte[] body, Duration maxRange) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw Problem.invalid(ErrorCode.BODY_MISSING,
                    "The request body is missing: send a JSON object with 'from' and 'to'.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw Problem.invalid(ErrorCode.BODY_INVALID, "The request body is not valid JSON.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!node.isObject()) {
            throw Problem.invalid(ErrorCode.BODY_INVALID,
                    "The request body must be a JSON object with 'from' and 'to'.");
        }
        Instant from = dateTime(node, "from");
        Instant to = dateTime(node, "to");
        if (!from.isBefore(to)) {
            throw Problem.invalid(ErrorCode.RANGE_INVALID, "The provided 'from' must be before 'to'.");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw Problem.overLimit(ErrorCode.RANGE_TOO_LARGE, "The range from 'from' to 'to' exceeds the maximum of "
                    + maxRange.toDays() + " days.");
        }
        return new InterfaceMetricsRequest(id, from, to);
    }

    /** The body to forward to the instance holding the interface. */
    public byte[] toJson() {
        return ("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static UUID interfaceId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // answered below
        }
        throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided 'interfaceId' is not a valid UUID.");
    }

    private static Instant dateTime(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw Problem.invalid(ErrorCode.PARAMETER_MISSING, "The '" + field + "' field is required.");
        }
        if (value.isTextual()) {
            Instant instant;
            try {
                instant = OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                instant = null;
            }
            if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
                throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + field + "' must lie in the"
                        + " years 0001 to 9999 (UTC).");
            }
            if (instant != null) {
                return instant;
            }
        }
        throw Problem.invalid(ErrorCode.PARAMETER_INVALID, "The provided '" + field
                + "' is not an RFC 3339 date-time with Z or an offset" + EXAMPLE + ".");
    }
}
