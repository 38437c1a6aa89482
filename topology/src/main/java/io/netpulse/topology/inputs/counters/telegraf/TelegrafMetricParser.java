package io.netpulse.topology.inputs.counters.telegraf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads one Telegraf metric as {@code outputs.kafka} writes it with {@code data_format = "json"}: one object
 * {@code {"fields":{...},"name":...,"tags":{...},"timestamp":...}} per record.
 *
 * <ul>
 *   <li>Interface measurements (configured, default {@code interface}) give an {@link InterfaceRow}: device from the
 *       {@code source} tag, else {@code agent_host}; interface from the {@code ifIndex} tag, else {@code index}
 *       (inputs.snmp {@code index_as_tag = true}), else an integer {@code ifIndex} field, else only by
 *       {@code ifName}/{@code ifDescr} (tag or string field), which {@link TelegrafCounters} resolves. Counters are
 *       unsigned: Counter64 up to 2^64-1 (kept as the long's bits), Counter32 and Gauge32 below 2^32.</li>
 *   <li>The uptime measurement (default {@code snmp}) gives an {@link UptimeRow} from the first configured field
 *       present (default {@code sysUpTime}, {@code sysUptime}, {@code uptime}), read in the configured unit.</li>
 *   <li>Any other measurement is skipped. A record that is not such an object, or lacks what the row needs, is
 *       rejected with the reason.</li>
 * </ul>
 * The timestamp is an integer in Telegraf's {@code json_timestamp_units} (configured, default 1s) or, when
 * {@code json_timestamp_format} is set, an RFC 3339 string. Times are kept to the millisecond.
 */
public final class TelegrafMetricParser implements RecordParser<TelegrafRow> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_TO_THE_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigDecimal TICKS_PER_SECOND = BigDecimal.valueOf(100);
    /** ifSpeed's "unknown or faster than it can say" value (2^32-1). */
    private static final long IF_SPEED_SATURATED = 4_294_967_295L;
    private static final String SOURCE_TAG = "source";
    private static final String AGENT_HOST_TAG = "agent_host";

    private final ExporterSettings.Telegraf settings;
    private final BigInteger nanosPerTimestampUnit;

    public TelegrafMetricParser(ExporterSettings.Telegraf settings) {
        this.settings = settings;
        this.nanosPerTimestampUnit = BigInteger.valueOf(settings.timestampUnit().toNanos());
    }

    @Override
    public Parsed<TelegrafRow> parse(String topic, byte[] key, byte[] value) {
        if (value == null || value.length == 0) {
            return Parsed.rejected("empty record: Telegraf's json format writes one metric object per record");
        }
        JsonNode root;
        try (JsonParser json = MAPPER.createParser(value)) {
            root = MAPPER.readTree(json);
            if (root != null && json.nextToken() != null) {
                return Parsed.rejected("more than one JSON value in the record: Telegraf writes one metric per record");
            }
        } catch (JsonProcessingException e) {
            return Parsed.rejected("not a JSON metric: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Parsed.rejected("not a JSON metric: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return Parsed.rejected("not a JSON object but " + (root == null ? "nothing" : root.getNodeType())
                    + ": Telegraf's json format writes {\"fields\",\"name\",\"tags\",\"timestamp\"}");
        }
        JsonNode name = root.get("name");
        if (name == null && root.has("metrics")) {
            return Parsed.rejected("a {\"metrics\":[...]} batch: netpulse reads one metric per record, as"
                    + " outputs.kafka writes them");
        }
        if (name == null || !name.isTextual()) {
            return Parsed.rejected("no measurement: 'name' is " + (name == null ? "missing" : "not a string"));
        }
        String measurement = name.textValue();
        boolean isInterface = settings.interfaceMeasurements().contains(measurement);
        if (!isInterface && !measurement.equals(settings.uptimeMeasurement())) {
            return Parsed.skipped("measurement '" + measurement + "' is neither an interface measurement "
                    + new TreeSet<>(settings.interfaceMeasurements()) + " nor the uptime measurement '"
                    + settings.uptimeMeasurement() + "'");
        }
        String device = null;
        try {
            JsonNode tags = object(root, "tags");
            JsonNode fields = object(root, "fields");
            device = device(tags);
            Instant time = time(root.get("timestamp"));
            return isInterface ? interfaceRow(device, time, tags, fields) : uptimeRow(device, time, fields);
        } catch (InvalidMetric e) {
            return Parsed.rejected(measurement + " metric" + (device == null ? "" : " of " + device) + ": "
                    + e.getMessage());
        }
    }

    private Parsed<TelegrafRow> interfaceRow(String device, Instant time, JsonNode tags, JsonNode fields)
            throws InvalidMetric {
        Integer ifIndex = ifIndex(tags, fields);
        String ifName = name(tags, fields, "ifName");
        String ifDescr = name(tags, fields, "ifDescr");
        if (ifIndex == null && ifName == null && ifDescr == null) {
            throw new InvalidMetric("no ifIndex or index tag, and no ifName or ifDescr to match the row to its"
                    + " interface (set index_as_tag = true on the table)");
        }
        Octets octets64 = octets(fields, "ifHCInOctets", "ifHCOutOctets", TWO_TO_THE_64, time);
        Octets octets32 = octets(fields, "ifInOctets", "ifOutOctets", TWO_TO_THE_32, time);
        BigInteger highSpeed = unsigned(fields, "ifHighSpeed", TWO_TO_THE_32);
        BigInteger speed = unsigned(fields, "ifSpeed", TWO_TO_THE_32);
        Long highSpeedMbps = highSpeed == null || highSpeed.signum() == 0 ? null : highSpeed.longValue();
        Long speedBitsPerSecond = speed == null || speed.signum() == 0 || speed.longValue() == IF_SPEED_SATURATED
                ? null : speed.longValue();
        return Parsed.accepted(new InterfaceRow(device, ifIndex, ifName, ifDescr, time, octets64, octets32,
                highSpeedMbps, speedBitsPerSecond));
    }

    private Parsed<TelegrafRow> uptimeRow(String device, Instant time, JsonNode fields) throws InvalidMetric {
        List<String> names = settings.uptimeFields();
        for (String field : names) {
            JsonNode node = fields.get(field);
            if (node != null) {
                return Parsed.accepted(new UptimeRow(device, time, ticks(field, node)));
            }
        }
        return Parsed.skipped(settings.uptimeMeasurement() + " metric of " + device + " has none of the uptime"
                + " fields " + names);
    }

    private long ticks(String field, JsonNode node) throws InvalidMetric {
        if (!node.isNumber()) {
            throw new InvalidMetric("field " + field + " is not a number: " + node);
        }
        BigInteger ticks;
        if (settings.uptimeUnit() == ExporterSettings.UptimeUnit.SECONDS) {
            ticks = node.decimalValue().multiply(TICKS_PER_SECOND).setScale(0, RoundingMode.HALF_UP)
                    .toBigIntegerExact();
        } else {
            ticks = integer(field, node);
        }
        if (ticks.signum() < 0 || ticks.compareTo(TWO_TO_THE_32) >= 0) {
            throw new InvalidMetric("field " + field + " is not a sysUpTime of 0 to 2^32-1 hundredths of a second"
                    + " in unit " + settings.uptimeUnit() + ": " + node);
        }
        return ticks.longValue();
    }

    private Instant time(JsonNode timestamp) throws InvalidMetric {
        if (timestamp == null) {
            throw new InvalidMetric("no 'timestamp'");
        }
        if (timestamp.isTextual()) {
            try {
                return OffsetDateTime.parse(timestamp.textValue(), RFC_3339).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new InvalidMetric("timestamp '" + timestamp.textValue() + "' is not an RFC 3339 date-time");
            }
        }
        if (!timestamp.isIntegralNumber()) {
            throw new InvalidMetric("timestamp is neither an integer (in json_timestamp_units) nor an RFC 3339"
                    + " string: " + timestamp);
        }
        BigInteger[] seconds = timestamp.bigIntegerValue().multiply(nanosPerTimestampUnit)
                .divideAndRemainder(NANOS_PER_SECOND);
        if (seconds[0].bitLength() > 40) {
            throw new InvalidMetric("timestamp " + timestamp + " in units of " + settings.timestampUnit()
                    + " is not a date netpulse can hold");
        }
        Instant time = Instant.ofEpochSecond(seconds[0].longValue(), seconds[1].longValue());
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String device(JsonNode tags) throws InvalidMetric {
        String device = tag(tags, SOURCE_TAG);
        if (device == null) {
            device = tag(tags, AGENT_HOST_TAG);
        }
        if (device == null) {
            throw new InvalidMetric("no '" + SOURCE_TAG + "' or '" + AGENT_HOST_TAG + "' tag naming the device");
        }
        if (device.indexOf('|') >= 0) {
            throw new InvalidMetric("device '" + device + "' contains '|', which netpulse keys cannot hold");
        }
        return device;
    }

    private static Integer ifIndex(JsonNode tags, JsonNode fields) throws InvalidMetric {
        for (String tag : List.of("ifIndex", "index")) {
            String text = tag(tags, tag);
            if (text != null) {
                try {
                    return validIfIndex("tag " + tag, Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new InvalidMetric("tag " + tag + " is not an ifIndex: '" + text + "'");
                }
            }
        }
        JsonNode field = fields.get("ifIndex");
        if (field == null) {
            return null;
        }
        if (!field.isIntegralNumber()) {
            throw new InvalidMetric("field ifIndex is not an integer: " + field);
        }
        return validIfIndex("field ifIndex", field.canConvertToLong() ? field.longValue() : -1);
    }

    private static int validIfIndex(String where, long value) throws InvalidMetric {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new InvalidMetric(where + " is not an ifIndex (1 to 2147483647): " + value);
        }
        return (int) value;
    }

    private static String name(JsonNode tags, JsonNode fields, String name) throws InvalidMetric {
        String tag = tag(tags, name);
        if (tag != null) {
            return tag;
        }
        JsonNode field = fields.get(name);
        if (field == null) {
            return null;
        }
        if (!field.isTextual()) {
            throw new InvalidMetric("field " + name + " is not a string: " + field);
        }
        return field.textValue().isEmpty() ? null : field.textValue();
    }

    private static Octets octets(JsonNode fields, String inField, String outField, BigInteger limit, Instant time)
            throws InvalidMetric {
        BigInteger in = unsigned(fields, inField, limit);
        BigInteger out = unsigned(fields, outField, limit);
        if (in == null && out == null) {
            return null;
        }
        if (in == null || out == null) {
            throw new InvalidMetric("field " + (in == null ? outField + " without " + inField
                    : inField + " without " + outField) + ": a sample needs both directions of one width");
        }
        // BigInteger.longValue keeps the low 64 bits: a Counter64 above 2^63-1 becomes a negative long, as
        // CounterSample carries it.
        return new Octets(in.longValue(), out.longValue(), time);
    }

    /** The field as an unsigned integer below {@code limit}, or null when absent. */
    private static BigInteger unsigned(JsonNode fields, String field, BigInteger limit) throws InvalidMetric {
        JsonNode node = fields.get(field);
        if (node == null) {
            return null;
        }
        BigInteger value = integer(field, node);
        if (value.signum() < 0 || value.compareTo(limit) >= 0) {
            throw new InvalidMetric("field " + field + " is not an unsigned " + (limit.bitLength() - 1)
                    + "-bit value: " + node);
        }
        return value;
    }

    /** An integer, also when Go wrote an integral float64 (it never writes a decimal point for those). */
    private static BigInteger integer(String field, JsonNode node) throws InvalidMetric {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            try {
                return node.decimalValue().toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new InvalidMetric("field " + field + " is not an integer: " + node);
            }
        }
        throw new InvalidMetric("field " + field + " is not a number: " + node);
    }

    private static JsonNode object(JsonNode root, String member) throws InvalidMetric {
        JsonNode node = root.get(member);
        if (node == null || !node.isObject()) {
            throw new InvalidMetric("'" + member + "' is " + (node == null ? "missing" : "not an object"));
        }
        return node;
    }

    /** A tag's value, or null when absent or empty (Telegraf never writes empty tags). */
    private static String tag(JsonNode tags, String tag) throws InvalidMetric {
        JsonNode node = tags.get(tag);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidMetric("tag " + tag + " is not a string: " + node);
        }
        return node.textValue().isEmpty() ? null : node.textValue();
    }

    /** Why a metric is unusable; carries no stack trace, it is an answer, not a fault. */
    private static final class InvalidMetric extends Exception {
        InvalidMetric(String reason) {
            super(reason, null, false, false);
        }
    }
}
