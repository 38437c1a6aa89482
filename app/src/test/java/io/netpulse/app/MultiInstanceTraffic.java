package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.flow;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.postJson;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.sample;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopicNames;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The traffic of the multi-instance test and every answer it must give, computed by hand. Four of each key (device,
 * site, source device, inventory address), chosen so that key {@code i} hashes to partition {@code i} of four: with
 * two instances, each instance holds some of each whatever the assignment. Key {@code i} carries {@code i + 1}
 * times the base traffic:
 * <ul>
 *   <li>device {@code i}, ifIndex 1, in site {@code i}: polls every minute from t0 to t0 + 3 min, 7,500,000 x (i+1)
 *       octets in and 1,500,000 x (i+1) out a minute, so (i+1) x 1,000,000 and (i+1) x 200,000 bit/s;</li>
 *   <li>source device {@code i}: two flows at t0 + 10 s of (i+1) x 1000 and (i+1) x 2000 bytes, (i+1) x 10 and
 *       (i+1) x 20 packets, both to inventory address {@code i}; a closing flow of 1 byte at t0 + 16 min closes the
 *       address's first 10-minute base sample (its end plus the 5-minute grace), which holds (i+1) x 3000 bytes
 *       received.</li>
 * </ul>
 *
 * @param t0 a minute 20 minutes ago
 */
record MultiInstanceTraffic(Instant t0) {

    static final int KEYS = 4;
    static final long IN_PER_MINUTE = 7_500_000;
    static final long OUT_PER_MINUTE = 1_500_000;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** One query of one API, and the answer every instance must give. */
    record Query(String name, Function<String, HttpRequest> request, String expected) {
    }

    /** Where a key lives, per Kafka Streams' metadata. */
    record Key(String store, String label, Function<KafkaStreams, KeyQueryMetadata> metadata) {
    }

    static List<String> devices() {
        return byPartition(n -> "mi-edge-" + n, device -> InterfaceKey.partitionOf(device, KEYS));
    }

    static List<String> sites() {
        return byPartition(n -> String.format("d3e05173-0000-4000-8000-%012d", n), MultiInstanceTraffic::partition);
    }

    static List<String> exporters() {
        return byPartition(n -> "10.9.0." + n, MultiInstanceTraffic::partition);
    }

    static List<String> addresses() {
        return byPartition(n -> "203.0.113." + n, MultiInstanceTraffic::partition);
    }

    static String interfaceId(int i) {
        return String.format("a1e0f00d-0000-4000-8000-%012d", i + 1);
    }

    /** Inventory: each device's interface in its site (stamped before t0, so every poll finds it), each address. */
    List<ProducerRecord<byte[], byte[]>> inventory(TopicNames topics) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long before = t0.minus(Duration.ofMinutes(10)).toEpochMilli();
        for (int i = 0; i < KEYS; i++) {
            String json = """
                    {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": 1,
                     "name": "xe-0/0/1", "speed_bps": 10000000000}
                    """.formatted(interfaceId(i), sites().get(i), devices().get(i));
            records.add(new ProducerRecord<>(topics.inventory(), null, before,
                    ("interface:" + interfaceId(i)).getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
            String address = """
                    {"type": "ip", "address": "%s", "account_id": "acct-mi-%d", "server_id": "srv-mi-%d",
                     "server_created": "2024-05-01"}
                    """.formatted(addresses().get(i), i, i);
            records.add(new ProducerRecord<>(topics.inventory(), null, before,
                    ("ip:" + addresses().get(i)).getBytes(StandardCharsets.UTF_8),
                    address.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /** Counter samples and flows, Confluent-framed through {@code serdes}. */
    List<ProducerRecord<byte[], byte[]>> traffic(TopicNames topics, AvroSerdes serdes) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            String device = devices().get(i);
            for (int minute = 0; minute <= 3; minute++) {
                CounterSample poll = sample(device, 1, t0.plus(Duration.ofMinutes(minute)),
                        1_000_000_000L + minute * IN_PER_MINUTE * (i + 1),
                        5_000_000L + minute * OUT_PER_MINUTE * (i + 1));
                records.add(record(topics.counters(), device,
                        serdes.framed(CounterSample.class).serializer().serialize(topics.counters(), poll)));
            }
        }
        for (int i = 0; i < KEYS; i++) {
            String exporter = exporters().get(i);
            String address = addresses().get(i);
            for (FlowRecord flow : List.of(
                    toAddress(flow(exporter, t0.plusSeconds(10), 1000L * (i + 1), 10L * (i + 1)), address),
                    toAddress(flow(exporter, t0.plusSeconds(10), 2000L * (i + 1), 20L * (i + 1)), address),
                    toAddress(flow(exporter, t0.plus(Duration.ofMinutes(16)), 1, 1), address))) {
                records.add(record(topics.flows(), exporter,
                        serdes.framed(FlowRecord.class).serializer().serialize(topics.flows(), flow)));
            }
        }
        return records;
    }

    /** Every query of every API, single keys and fan-outs, with its answer computed by hand. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        String range = "{\"from\":\"" + t0 + "\",\"to\":\"" + t0.plus(Duration.ofMinutes(3)) + "\"}";
        List<String> summaries = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            String id = interfaceId(i);
            queries.add(new Query("interface metrics of " + devices().get(i),
                    base -> postJson(base + "/metrics/interfaces/" + id + "/metrics", range),
                    "{\"ifInOctets\":[" + points(1_000_000L * (i + 1)) + "],\"ifOutOctets\":["
                            + points(200_000L * (i + 1)) + "]}"));
            summaries.add("{\"interface_id\":\"" + id + "\",\"derived_id\":\""
                    + new InterfaceKey(devices().get(i), 1).derivedId() + "\",\"source\":\"inventory\",\"device\":\""
                    + devices().get(i) + "\",\"if_index\":1,\"name\":\"xe-0/0/1\",\"site_id\":\"" + sites().get(i)
                    + "\",\"speed_bps\":10000000000}");
        }
        queries.add(new Query("interface list", base -> get(base + "/interfaces"),
                "{\"interfaces\":[" + String.join(",", summaries) + "]}"));

        String window = "start_time=" + TIME.format(t0) + "&end_time=" + TIME.format(t0.plus(Duration.ofMinutes(3)))
                + "&bucket_interval_minutes=1";
        for (int i = 0; i < KEYS; i++) {
            String site = sites().get(i);
            queries.add(new Query("data transferred of site " + i,
                    base -> get(base + "/metrics/dashboard/data-transferred?" + window + "&site_ids%5B%5D=" + site),
                    transferred(i + 1)));
        }
        queries.add(new Query("data transferred of every site",
                base -> get(base + "/metrics/dashboard/data-transferred?" + window), transferred(1 + 2 + 3 + 4)));

        // Every source device: ascending by address, numerically (10.9.0.1 before 10.9.0.3).
        SortedMap<Integer, String> rows = new TreeMap<>();
        for (int i = 0; i < KEYS; i++) {
            String exporter = exporters().get(i);
            String row = statsRow(exporter, i + 1);
            rows.put(Integer.parseInt(exporter.substring(exporter.lastIndexOf('.') + 1)), row);
            queries.add(new Query("import_stats of " + exporter,
                    base -> postJson(base + "/api/mgmt.flowgateway_analytics/1.0/import_stats", statsQuery(exporter)),
                    "[" + row + "]"));
        }
        queries.add(new Query("import_stats of every source device",
                base -> postJson(base + "/api/mgmt.flowgateway_analytics/1.0/import_stats", statsQuery("")),
                "[" + String.join(",", rows.values()) + "]"));

        Instant firstSample = Instant.ofEpochSecond(t0.getEpochSecond() / 600 * 600);
        String days = "startDate=" + DAY.format(firstSample) + "&endDate="
                + DAY.format(t0.plus(Duration.ofMinutes(20)));
        for (int i = 0; i < KEYS; i++) {
            String path = "/accounts/acct-mi-" + i + "/dedicatedServers/srv-mi-" + i + "/ipAddresses/"
                    + addresses().get(i) + "/statistics/traffic?scope=receive&" + days + "&period=hourly&method=sum";
            queries.add(new Query("traffic of " + addresses().get(i), base -> get(base + path),
                    "[{\"count\":1,\"date\":\"" + CLOCK.format(firstSample.truncatedTo(ChronoUnit.HOURS))
                            + "\",\"values\":" + 3000L * (i + 1) + "}]"));
        }
        return queries;
    }

    /** The keys of every partitioned store the queries read, to check that each instance holds some. */
    static List<List<Key>> keysByStore() {
        List<Key> interfaces = new ArrayList<>();
        List<Key> sites = new ArrayList<>();
        List<Key> sources = new ArrayList<>();
        List<Key> addresses = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            InterfaceKey key = new InterfaceKey(devices().get(i), 1);
            String site = sites().get(i);
            String exporter = exporters().get(i);
            String address = addresses().get(i);
            interfaces.add(new Key(StoreNames.INTERFACE_RATES_MINUTE, key.asString(), streams -> streams
                    .queryMetadataForKey(StoreNames.INTERFACE_RATES_MINUTE, key, InterfaceKey.partitioner())));
            sites.add(new Key(StoreNames.SITE_VOLUME_MINUTE, site, streams -> streams
                    .queryMetadataForKey(StoreNames.SITE_VOLUME_MINUTE, site, Serdes.String().serializer())));
            sources.add(new Key(StoreNames.SOURCE_STATS_MINUTE, exporter, streams -> streams
                    .queryMetadataForKey(StoreNames.SOURCE_STATS_MINUTE, exporter, Serdes.String().serializer())));
            addresses.add(new Key(StoreNames.IP_TRAFFIC_HOUR, address, streams -> streams
                    .queryMetadataForKey(StoreNames.IP_TRAFFIC_HOUR, address, Serdes.String().serializer())));
        }
        return List.of(interfaces, sites, sources, addresses);
    }

    /** The active host of {@code key} in {@code streams}' metadata, or null while there is none. */
    static HostInfo activeHost(KafkaStreams streams, Key key) {
        KeyQueryMetadata metadata = key.metadata().apply(streams);
        return KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) ? null : metadata.activeHost();
    }

    private String points(long value) {
        List<String> points = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            points.add("{\"clock\":\"" + CLOCK.format(t0.plus(Duration.ofMinutes(minute))) + "\",\"value\":" + value
                    + "}");
        }
        return String.join(",", points);
    }

    private String transferred(long multiple) {
        List<String> points = new ArrayList<>();
        for (int minute = 0; minute < 3; minute++) {
            long in = IN_PER_MINUTE * multiple;
            long out = OUT_PER_MINUTE * multiple;
            points.add("{\"time_slot\":\"" + CLOCK.format(t0.plus(Duration.ofMinutes(minute)))
                    + "\",\"total_in_bytes\":" + in + ",\"total_out_bytes\":" + out + ",\"total_combined_bytes\":"
                    + (in + out) + "}");
        }
        return "[" + String.join(",", points) + "]";
    }

    private String statsQuery(String source) {
        return "{\"stats_type\":\"flows_per_minute\",\"start_time\":" + t0.getEpochSecond() + ",\"end_time\":"
                + t0.plusSeconds(60).getEpochSecond() + ",\"source_ip\":\"" + source + "\"}";
    }

    private String statsRow(String exporter, long multiple) {
        long bytes = 3000 * multiple;
        long packets = 30 * multiple;
        return "{\"time\":\"" + CLOCK.format(t0) + "+00:00\",\"source_ip\":\"" + exporter + "\",\"n_flows\":2,"
                + "\"n_bytes\":" + bytes + ",\"n_bad_bytes\":0,\"n_packets\":" + packets + ",\"n_bad_packets\":0,"
                + "\"peak_n_flows\":\"2\",\"peak_n_bytes\":\"" + bytes + "\",\"peak_n_packets\":\"" + packets + "\"}";
    }

    private static FlowRecord toAddress(FlowRecord flow, String address) {
        return FlowRecord.newBuilder(flow).setDstAddr(address).build();
    }

    /** Partition of a string key among four, as Kafka's default partitioner places its UTF-8 bytes. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % KEYS;
    }

    /** For each partition 0..3, the first candidate {@code name(n)} that hashes to it. */
    private static List<String> byPartition(IntFunction<String> name, java.util.function.ToIntFunction<String> where) {
        String[] chosen = new String[KEYS];
        int found = 0;
        for (int n = 1; found < KEYS; n++) {
            String candidate = name.apply(n);
            int partition = where.applyAsInt(candidate);
            if (chosen[partition] == null) {
                chosen[partition] = candidate;
                found++;
            }
        }
        return List.of(chosen);
    }
}
