package io.netpulse.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes part of the demo's traffic the way real exporters write it to Kafka, so {@code ./netpulse demo} runs the
 * Telegraf and goflow2 ingest paths too: two devices are polled "by Telegraf" ({@code outputs.kafka} with
 * {@code data_format = "json"}, an ifTable row and, for 64-bit interfaces, an ifXTable row per interface, plus the
 * {@code snmp} metric carrying sysUpTime in seconds as Telegraf's {@code float(2)} conversion gives it) and the New
 * York exporters' flows go "through goflow2" ({@code -format=json}). The shapes follow the exporters' documented
 * output (field names, types, units); values come from {@link DemoTraffic} like the rest.
 */
public final class DemoFormats {

    /** Devices whose counters are written as Telegraf JSON instead of Avro: the 32-bit wrap and the reboots. */
    static final Set<String> TELEGRAF_DEVICES = Set.of("fra-core-1", "nyc-core-1");
    /** Exporters whose flows are written as goflow2 JSON instead of Avro. */
    static final Set<String> GOFLOW2_EXPORTERS = Set.of("2001:db8:300::1", "2001:db8:300::2");

    /** Telegraf writes map keys sorted, as Go's encoding/json does with maps. */
    private static final JsonMapper SORTED_JSON = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();
    /** goflow2 writes its fields in FlowMessage's declaration order. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigInteger TWO_TO_32 = BigInteger.ONE.shiftLeft(32);
    private static final long GAUGE32_MAX = 4_294_967_295L;
    private static final long BITS_PER_MEGABIT = 1_000_000L;

    private DemoFormats() {
    }

    /**
     * One poll of one interface as Telegraf's inputs.snmp tables write it: the ifTable row (32-bit counters,
     * ifSpeed capped at the Gauge32 maximum as devices report it) and, when the interface has 64-bit counters,
     * the ifXTable row (ifHCInOctets/ifHCOutOctets, ifHighSpeed in Mbit/s). Both tagged with {@code index}
     * ({@code index_as_tag = true}) and {@code source}.
     */
    public static List<String> telegrafInterfaceRows(CounterSample sample) {
        Map<String, Object> ifTable = new TreeMap<>();
        ifTable.put("ifInOctets", unsigned(sample.getInOctets()).mod(TWO_TO_32));
        ifTable.put("ifOutOctets", unsigned(sample.getOutOctets()).mod(TWO_TO_32));
        ifTable.put("ifSpeed", Math.min(speed(sample), GAUGE32_MAX));
        ifTable.put("ifOperStatus", 1);
        List<String> rows = new ArrayList<>(2);
        rows.add(metric("interface", ifTable, interfaceTags(sample), sample.getPollTime()));
        if (sample.getCounterWidth() == 64) {
            rows.add(telegrafIfXTableRow(sample));
        }
        return rows;
    }

    /** The ifXTable row alone (64-bit ifHCInOctets/ifHCOutOctets, ifHighSpeed in Mbit/s, ifName). */
    public static String telegrafIfXTableRow(CounterSample sample) {
        Map<String, Object> ifXTable = new TreeMap<>();
        ifXTable.put("ifHCInOctets", unsigned(sample.getInOctets()));
        ifXTable.put("ifHCOutOctets", unsigned(sample.getOutOctets()));
        ifXTable.put("ifHighSpeed", speed(sample) / BITS_PER_MEGABIT);
        ifXTable.put("ifName", sample.getIfName());
        return metric("interface", ifXTable, interfaceTags(sample), sample.getPollTime());
    }

    private static Map<String, Object> interfaceTags(CounterSample sample) {
        return Map.of("source", sample.getDevice(), "index", Integer.toString(sample.getIfIndex()),
                "ifDescr", sample.getIfName(), "host", "demo-telegraf");
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    private static long speed(CounterSample sample) {
        return sample.getIfSpeed() == null ? 0 : sample.getIfSpeed();
    }

    /** The top-level {@code snmp} metric of one poll: sysUpTime in seconds with two decimals (float(2)). */
    public static String telegrafUptime(String device, Instant pollTime, long sysUpTimeHundredths) {
        return metric("snmp", Map.of("sysUpTime", sysUpTimeHundredths / 100.0),
                Map.of("source", device, "host", "demo-telegraf"), pollTime);
    }

    /** One flow as goflow2 {@code -format=json} writes it (times in Unix nanoseconds, raw unscaled counters). */
    public static String goflow2(FlowRecord flow, long sequence) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "IPFIX");
        fields.put("time_received_ns", nanos(flow.getReceivedAt() != null ? flow.getReceivedAt() : flow.getFlowEnd()));
        fields.put("sequence_num", sequence);
        fields.put("sampling_rate", flow.getSamplingRate());
        fields.put("sampler_address", flow.getExporter());
        fields.put("time_flow_start_ns", nanos(flow.getFlowStart()));
        fields.put("time_flow_end_ns", nanos(flow.getFlowEnd()));
        fields.put("bytes", flow.getBytes());
        fields.put("packets", flow.getPackets());
        fields.put("src_addr", flow.getSrcAddr());
        fields.put("dst_addr", flow.getDstAddr());
        fields.put("etype", flow.getSrcAddr().indexOf(':') >= 0 ? "IPv6" : "IPv4");
        fields.put("proto", "TCP");
        return write(JSON, fields);
    }

    /**
     * The key goflow2 gives a record when its mapping sets {@code formatter.key: [sampler_address]} and it runs with
     * {@code -transport.kafka.hashing=true}: the 4-byte FNV-1 (32-bit) digest of the exporter address, so every
     * record of one exporter lands in one partition and a backlog keeps each exporter's order.
     */
    public static byte[] goflow2Key(String samplerAddress) {
        int hash = 0x811c9dc5;
        for (byte b : samplerAddress.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash *= 0x01000193;
            hash ^= b & 0xff;
        }
        return java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(hash).array();
    }

    private static String metric(String name, Map<String, Object> fields, Map<String, Object> tags, Instant time) {
        Map<String, Object> metric = new TreeMap<>();
        metric.put("fields", fields);
        metric.put("name", name);
        metric.put("tags", tags);
        metric.put("timestamp", time.getEpochSecond());
        return write(SORTED_JSON, metric) + "\n";
    }

    private static BigInteger nanos(Instant at) {
        return BigInteger.valueOf(at.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(at.getNano()));
    }

    private static String write(JsonMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write demo JSON", e);
        }
    }
}
