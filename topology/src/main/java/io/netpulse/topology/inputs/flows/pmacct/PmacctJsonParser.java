package io.netpulse.topology.inputs.flows.pmacct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Kafka record of pmacct's Kafka plugin with {@code kafka_output: json}: one JSON object, or several
 * separated by newlines ({@code kafka_multi_values}). A flow is an object with {@code "event_type": "purge"}; of its
 * fields netpulse reads {@code peer_ip_src}, {@code ip_src}, {@code ip_dst}, {@code packets}, {@code bytes},
 * {@code flows}, {@code sampling_rate}, {@code timestamp_start}, {@code timestamp_end}, {@code timestamp_arrival}
 * and, with {@code kafka_history}, {@code stamp_inserted}; every other field ({@code ip_proto} as a name or a
 * number, ports, {@code stamp_updated}, {@code writer_id}...) is skipped unread. Mapping rules: {@link PmacctFlow}.
 *
 * <p>It reads tokens ({@link JsonParser}) rather than building a tree: a collector writes one record per flow, and
 * only a dozen of its fields matter. Times must be seconds since the epoch ({@code timestamps_since_epoch: true}):
 * pmacct's other formats are local time unless configured otherwise, which the record does not say. Markers
 * ({@code purge_init}, {@code purge_close}) and NetFlow/IPFIX event records (a purge without counters) are not
 * traffic: skipped and counted, not dead-lettered. Anything else malformed rejects the whole Kafka record.
 */
public final class PmacctJsonParser implements RecordParser<FlowRecord> {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** pmacct's since-epoch time, {@code %ld.%06ld} ({@code %ld} for the time bins). */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("(\\d{1,11})(?:\\.(\\d{1,9}))?");

    @Override
    public Parsed<FlowRecord> parse(String topic, byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.rejected("empty record: pmacct's kafka plugin writes one JSON object per record"
                    + " (several, newline-separated, with kafka_multi_values)");
        }
        List<FlowRecord> flows = new ArrayList<>();
        String skipped = null;
        try (JsonParser json = JSON.createParser(value)) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    return Parsed.rejected("not a pmacct JSON record: " + json.getText() + " is not an object");
                }
                Fields fields = read(json);
                Optional<String> notTraffic = fields.notTraffic();
                if (notTraffic.isPresent()) {
                    skipped = notTraffic.get();
                    continue;
                }
                Parsed<FlowRecord> flow = fields.toFlow().toParsed();
                if (!(flow instanceof Parsed.Accepted<FlowRecord> accepted)) {
                    return flow;
                }
                flows.addAll(accepted.values());
            }
        } catch (JsonProcessingException e) {
            return Parsed.rejected("not pmacct JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Parsed.rejected("not pmacct JSON: " + e.getMessage());
        } catch (InvalidRecord e) {
            return Parsed.rejected(e.getMessage());
        }
        if (!flows.isEmpty()) {
            return new Parsed.Accepted<>(flows);
        }
        return skipped != null ? Parsed.skipped(skipped)
                : Parsed.rejected("not a pmacct JSON record: no JSON object in it");
    }

    /** Reads the object whose START_OBJECT {@code json} is on, up to and including its END_OBJECT. */
    private static Fields read(JsonParser json) throws IOException, InvalidRecord {
        Fields fields = new Fields();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken token = json.nextToken();
            switch (name) {
                case "event_type" -> fields.eventType = text(json, token, name);
                case "peer_ip_src" -> fields.exporter = address(json, token, name);
                case "ip_src" -> fields.srcAddr = address(json, token, name);
                case "ip_dst" -> fields.dstAddr = address(json, token, name);
                case "packets" -> fields.packets = integer(json, token, name);
                case "bytes" -> fields.bytes = integer(json, token, name);
                case "flows" -> fields.flows = integer(json, token, name);
                case "sampling_rate" -> fields.samplingRate = integer(json, token, name);
                case "timestamp_start" -> fields.timestampStart = time(json, token, name);
                case "timestamp_end" -> fields.timestampEnd = time(json, token, name);
                case "timestamp_arrival" -> fields.timestampArrival = time(json, token, name);
                case "stamp_inserted" -> fields.stampInserted = time(json, token, name);
                default -> json.skipChildren();
            }
        }
        return fields;
    }

    private static String text(JsonParser json, JsonToken token, String field) throws IOException, InvalidRecord {
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidRecord(field + " is not a string: " + json.getText());
        }
        return json.getText();
    }

    /** An address, normalized; {@code ""} when empty (a frame without IP header). */
    private static String address(JsonParser json, JsonToken token, String field) throws IOException, InvalidRecord {
        String text = text(json, token, field);
        if (text.isEmpty()) {
            return text;
        }
        return IpAddresses.normalize(text).orElseThrow(() ->
                new InvalidRecord(field + " is not an IP address: '" + text + "'"));
    }

    private static Long integer(JsonParser json, JsonToken token, String field) throws IOException, InvalidRecord {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidRecord(field + " is not an integer: " + json.getText());
        }
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidRecord(field + " is out of the 64-bit range: " + json.getText());
        }
        return json.getLongValue();
    }

    /** A since-epoch time truncated to milliseconds, as every flow time; null for pmacct's 0 (not exported). */
    private static Instant time(JsonParser json, JsonToken token, String field) throws IOException, InvalidRecord {
        String text = text(json, token, field);
        Matcher matcher = EPOCH_SECONDS.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidRecord(field + " is not seconds since the epoch: '" + text
                    + "' (set timestamps_since_epoch: true in nfacctd/sfacctd)");
        }
        String fraction = matcher.group(2) == null ? "" : matcher.group(2);
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        Instant at = Instant.ofEpochSecond(Long.parseLong(matcher.group(1)), nanos);
        return at.equals(Instant.EPOCH) ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** One object's fields as read; null where absent. */
    private static final class Fields {
        String eventType;
        String exporter;
        String srcAddr;
        String dstAddr;
        Long packets;
        Long bytes;
        Long flows;
        Long samplingRate;
        Instant timestampStart;
        Instant timestampEnd;
        Instant timestampArrival;
        Instant stampInserted;

        /** Why this object is valid but no traffic, if it is not. */
        Optional<String> notTraffic() throws InvalidRecord {
            if (eventType == null) {
                throw new InvalidRecord("event_type is missing: not a record of pmacct's kafka plugin");
            }
            return switch (eventType) {
                case "purge" -> packets == null && bytes == null
                        ? Optional.of("pmacct event record without packets and bytes")
                        : Optional.empty();
                case "purge_init", "purge_close" -> Optional.of("pmacct " + eventType + " marker");
                default -> throw new InvalidRecord("event_type is '" + eventType + "': neither a flow (purge)"
                        + " nor a marker (purge_init, purge_close)");
            };
        }

        PmacctFlow toFlow() throws InvalidRecord {
            if (exporter == null || exporter.isEmpty()) {
                throw new InvalidRecord("peer_ip_src is " + (exporter == null ? "missing" : "empty")
                        + ": the flow cannot be attributed to an exporter (add peer_src_ip to the aggregate)");
            }
            if (packets == null || bytes == null) {
                throw new InvalidRecord((packets == null ? "packets" : "bytes") + " is missing");
            }
            return new PmacctFlow(exporter, orEmpty(srcAddr), orEmpty(dstAddr), bytes, packets,
                    flows == null ? 1 : flows, samplingRate == null ? 0 : samplingRate,
                    timestampStart, timestampEnd, timestampArrival, stampInserted);
        }

        private static String orEmpty(String address) {
            return address == null ? "" : address;
        }
    }

    /** Why a record is unusable; carries no stack trace, it is an answer, not a fault. */
    private static final class InvalidRecord extends Exception {
        InvalidRecord(String reason) {
            super(reason, null, false, false);
        }
    }
}
