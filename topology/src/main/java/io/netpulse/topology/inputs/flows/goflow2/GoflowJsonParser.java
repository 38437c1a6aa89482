package io.netpulse.topology.inputs.flows.goflow2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 */
public final class GoflowJsonParser implements RecordParser<FlowRecord> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    @Override
    public Parsed<FlowRecord> parse(String topic, byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.rejected("empty record: goflow2 -format=json writes one JSON flow per record");
        }
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
