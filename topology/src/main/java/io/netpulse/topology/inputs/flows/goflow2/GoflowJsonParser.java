package io.netpulse.topology.inputs.flows.goflow2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Reads one flow as goflow2 {@code -format=json} writes it: one object per record with, among many fields netpulse
 * ignores, {@code sampler_address}, {@code src_addr}, {@code dst_addr} (IP strings, {@code ""} when absent),
 * {@code bytes}, {@code packets}, {@code sampling_rate} and {@code time_received_ns}/{@code time_flow_start_ns}/
 * {@code time_flow_end_ns} (Unix nanoseconds). Mapping rules: {@link GoflowFlow}. Required: a valid
 * {@code sampler_address}, {@code bytes} and {@code packets}; an absent number counts as goflow2's zero value, as in
 * protobuf. Addresses are rewritten to {@link IpAddresses normalized} text.
 *
 * <p>A valid flow is read in one pass over its tokens, the fields netpulse ignores skipped unbuilt; anything else
 * is read again as a tree, which names exactly what is wrong, so a refusal reads the same either way.
 */
public final class GoflowJsonParser implements RecordParser<FlowRecord> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);
    /** Marks a number {@link #streamed} leaves to {@link #tree}, or a required one absent; never a valid uint64. */
    private static final long INVALID = Long.MIN_VALUE;

    @Override
    public Parsed<FlowRecord> parse(String topic, byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.rejected("empty record: goflow2 -format=json writes one JSON flow per record");
        }
        Parsed<FlowRecord> flow = streamed(value);
        return flow != null ? flow : tree(value);
    }

    /**
     * A valid flow in one pass over its tokens, skipping every field netpulse does not read without building it;
     * null for anything else (not one object, a read field of another type, a missing or invalid value), which
     * {@link #tree} then reads again to name exactly what is wrong. Valid flows, nearly all of them, never build a
     * tree.
     */
    private static Parsed<FlowRecord> streamed(byte[] value) {
        String sampler = null;
        String source = "";
        String destination = "";
        long bytes = INVALID;
        long packets = INVALID;
        long samplingRate = 0;
        long received = 0;
        long start = 0;
        long end = 0;
        try (JsonParser json = MAPPER.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "sampler_address" -> sampler = address(json, token);
                    case "src_addr" -> source = address(json, token);
                    case "dst_addr" -> destination = address(json, token);
                    case "bytes" -> bytes = uint64(json, token);
                    case "packets" -> packets = uint64(json, token);
                    case "sampling_rate" -> samplingRate = uint64(json, token);
                    case "time_received_ns" -> received = uint64(json, token);
                    case "time_flow_start_ns" -> start = uint64(json, token);
                    case "time_flow_end_ns" -> end = uint64(json, token);
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        // A field is never read twice (duplicate names are refused), so an invalid one stays so; bytes and packets
        // are required.
        if (sampler == null || sampler.isEmpty() || source == null || destination == null || bytes == INVALID
                || packets == INVALID || samplingRate == INVALID || received == INVALID || start == INVALID
                || end == INVALID) {
            return null;
        }
        return new GoflowFlow(sampler, source, destination, bytes, packets, samplingRate, received, start, end)
                .toParsed();
    }

    /** A normalized address, "" for an empty string, null for anything {@link #tree} must name. */
    private static String address(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = json.getText();
        return text.isEmpty() ? "" : IpAddresses.normalize(text).orElse(null);
    }

    /**
     * A non-negative integer up to 2^63 - 1, or {@link #INVALID}: beyond that goflow2's uint64 is kept as its 64
     * bits, which {@link #tree} reads (and a negative result there is what it means).
     */
    private static long uint64(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return INVALID;
        }
        JsonParser.NumberType type = json.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            return INVALID;
        }
        long number = json.getLongValue();
        return number < 0 ? INVALID : number;
    }

    /** The flow read as a tree: every fault named, field by field. */
    private static Parsed<FlowRecord> tree(byte[] value) {
        JsonNode root;
        try (JsonParser json = MAPPER.createParser(value)) {
            root = MAPPER.readTree(json);
            if (root != null && json.nextToken() != null) {
                return Parsed.rejected("more than one JSON value in the record: goflow2 writes one flow per record");
            }
        } catch (JsonProcessingException e) {
            return Parsed.rejected("not a goflow2 JSON flow: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Parsed.rejected("not a goflow2 JSON flow: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return Parsed.rejected("not a goflow2 JSON flow: a JSON " + (root == null ? "nothing" : root.getNodeType())
                    + ", not an object");
        }
        try {
            return new GoflowFlow(
                    address(root, "sampler_address", true),
                    address(root, "src_addr", false),
                    address(root, "dst_addr", false),
                    uint64(root, "bytes", true),
                    uint64(root, "packets", true),
                    uint64(root, "sampling_rate", false),
                    uint64(root, "time_received_ns", false),
                    uint64(root, "time_flow_start_ns", false),
                    uint64(root, "time_flow_end_ns", false))
                    .toParsed();
        } catch (InvalidFlow e) {
            return Parsed.rejected(e.getMessage());
        }
    }

    private static String address(JsonNode root, String field, boolean required) throws InvalidFlow {
        JsonNode node = root.get(field);
        if (node != null && !node.isTextual()) {
            throw new InvalidFlow(field + " is not a string: " + node);
        }
        String text = node == null ? "" : node.textValue();
        if (text.isEmpty()) {
            if (required) {
                throw new InvalidFlow(field + " is " + (node == null ? "missing" : "empty")
                        + ": the flow cannot be attributed to an exporter");
            }
            return "";
        }
        Optional<String> address = IpAddresses.normalize(text);
        if (address.isEmpty()) {
            throw new InvalidFlow(field + " is not an IP address: '" + text + "'");
        }
        return address.get();
    }

    /** goflow2's uint64 as its 64 bits; absent is 0 unless required. */
    private static long uint64(JsonNode root, String field, boolean required) throws InvalidFlow {
        JsonNode node = root.get(field);
        if (node == null) {
            if (required) {
                throw new InvalidFlow(field + " is missing");
            }
            return 0;
        }
        if (!node.isIntegralNumber()) {
            throw new InvalidFlow(field + " is not an unsigned integer: " + node);
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0 || value.compareTo(TWO_TO_THE_64) >= 0) {
            throw new InvalidFlow(field + " is not an unsigned 64-bit integer: " + node);
        }
        return value.longValue();
    }

    /** Why a flow is unusable; carries no stack trace, it is an answer, not a fault. */
    private static final class InvalidFlow extends Exception {
        InvalidFlow(String reason) {
            super(reason, null, false, false);
        }
    }
}
