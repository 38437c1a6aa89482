package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EndToEndKit.flow;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.header;
import static io.netpulse.app.EndToEndKit.postJson;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.readToEnd;
import static io.netpulse.app.EndToEndKit.readUntil;
import static io.netpulse.app.EndToEndKit.recentMinute;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.sample;
import static io.netpulse.app.EndToEndKit.sendUntil;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.inputs.ingest.DeadLetters;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input against the embedded system: malformed bytes and invalid records, interleaved with valid ones on the
 * same partitions, land in {@code netpulse.dead-letter} with their reason and source topic, partition and offset,
 * while the valid records give exactly the totals computed by hand and no stream thread dies; so does a bad record
 * as large as the broker accepts, cut to fit.
 */
class DeadLetterEndToEndTest {

    private static final String DEVICE = "dlq-edge-1";
    private static final String EXPORTER = "192.0.2.1";
    private static final String INTERFACE_ID = "9f9510bd-1234-5678-a7cf-f845a39e26db";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir
    Path stateDir;

    /** What the test produced and the reason each bad record must carry. */
    private record Sent(ProducerRecord<byte[], byte[]> record, String reason) {
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirCoordinatesWhileTotalsStayExact() {
        int httpPort = freePort();
        AppConfig config = config(environment(stateDir, httpPort));
        String base = "http://127.0.0.1:" + httpPort;
        URI registryUrl = URI.create(base + "/registry");
        try (Netpulse netpulse = new Netpulse(config).start();
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistrySettings.of(registryUrl))) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            AvroSerdes serdes = new AvroSerdes(registry);
            String counters = config.topics().names().counters();
            String flows = config.topics().names().flows();
            String inventory = config.topics().names().inventory();
            Instant t0 = recentMinute();
            Instant future = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

            List<Sent> sent = new ArrayList<>();
            // Counters, all keyed by the device so they share one partition and are processed in this order.
            sent.add(valid(counter(serdes, counters, sample(DEVICE, 1, t0, 1_000_000_000L, 5_000_000L))));
            sent.add(new Sent(record(counters, DEVICE, "not avro".getBytes(StandardCharsets.UTF_8)),
                    "not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): 8 bytes starting"
                            + " with 0x6e"));
            sent.add(valid(counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(60), 1_007_500_000L,
                    6_500_000L))));
            sent.add(new Sent(counter(serdes, counters, CounterSample.newBuilder(sample(DEVICE, 1,
                    t0.plusSeconds(90), -5, 10)).setCounterWidth(32).build()),
                    "inOctets -5 is outside [0, 2^32) of a 32-bit counter"));
            sent.add(new Sent(counter(serdes, counters, sample(DEVICE, 1, future, 2_000_000_000L, 9_000_000L)),
                    "event time " + future + " is more than PT5M ahead of the clock ("));
            sent.add(valid(counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(120), 1_015_000_000L,
                    8_000_000L))));
            sent.add(new Sent(counter(serdes, counters, CounterSample.newBuilder(sample(DEVICE, 1,
                    t0.plusSeconds(150), 1_016_000_000L, 8_100_000L)).setCounterWidth(16).build()),
                    "counterWidth 16 is neither 32 nor 64"));
            sent.add(new Sent(counter(serdes, counters, sample("", 1, t0.plusSeconds(160), 1, 1)),
                    "device is empty"));
            sent.add(valid(counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(180), 1_022_500_000L,
                    9_500_000L))));
            // Flows, keyed by the exporter.
            sent.add(valid(flowRecord(serdes, flows, flow(EXPORTER, t0.plusSeconds(10), 1000, 10))));
            sent.add(new Sent(record(flows, EXPORTER, new byte[] {0, 0, 0}),
                    "not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): 3 bytes starting"
                            + " with 0x00"));
            sent.add(new Sent(flowRecord(serdes, flows, flow(EXPORTER, t0.plusSeconds(10), -1, 10)),
                    "bytes is negative: -1"));
            sent.add(new Sent(flowRecord(serdes, flows, flow("", t0.plusSeconds(10), 500, 5)),
                    "exporter is not an IPv4 or IPv6 address: ''"));
            sent.add(valid(flowRecord(serdes, flows, flow(EXPORTER, t0.plusSeconds(10), 2000, 20))));
            // Inventory (compacted: the broker itself refuses a record without a key): an invalid interface, and
            // an address whose value names another address than its key.
            sent.add(new Sent(record(inventory, "interface:" + INTERFACE_ID, """
                    {"type": "interface", "interface_id": "%s", "device": "edge-9", "if_index": 0}
                    """.formatted(INTERFACE_ID).getBytes(StandardCharsets.UTF_8)), "if_index 0 is below 1"));
            sent.add(new Sent(record(inventory, "ip:192.0.2.77", """
                    {"type": "ip", "address": "192.0.2.78", "account_id": "acct-1", "server_id": "srv-1",
                     "server_created": "2024-05-01"}
                    """.getBytes(StandardCharsets.UTF_8)), "address 192.0.2.78 differs from the key's 192.0.2.77"));

            List<RecordMetadata> landed = produce(netpulse.bootstrapServers(),
                    sent.stream().map(Sent::record).toList());
            List<Sent> bad = sent.stream().filter(s -> s.reason() != null).toList();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readUntil(netpulse.bootstrapServers(),
                    config.topics().names().deadLetter(), read -> read.size() >= bad.size());

            // Every bad record, found by its source coordinates, with its bytes and its reason.
            Map<String, ConsumerRecord<byte[], byte[]>> byCoordinates = new LinkedHashMap<>();
            deadLetters.forEach(d -> byCoordinates.put(header(d, "__streams.errors.topic") + "/"
                    + header(d, "__streams.errors.partition") + "/" + header(d, "__streams.errors.offset"), d));
            assertThat(deadLetters).hasSize(bad.size());
            for (int i = 0; i < sent.size(); i++) {
                Sent one = sent.get(i);
                RecordMetadata at = landed.get(i);
                ConsumerRecord<byte[], byte[]> deadLetter =
                        byCoordinates.get(at.topic() + "/" + at.partition() + "/" + at.offset());
                if (one.reason() == null) {
                    assertThat(deadLetter).as("valid record %d is not dead-lettered", i).isNull();
                    continue;
                }
                assertThat(deadLetter).as("bad record %d (%s) is dead-lettered", i, one.reason()).isNotNull();
                assertThat(deadLetter.value()).isEqualTo(one.record().value());
                assertThat(deadLetter.key()).isEqualTo(one.record().key());
                assertThat(header(deadLetter, "__streams.errors.exception")).isEqualTo(DeadLetters.REJECTED);
                assertThat(header(deadLetter, "__streams.errors.message")).startsWith(one.reason());
            }

            // The valid records alone: three minutes of 1,000,000 bit/s in and 200,000 out on the interface
            // (7,500,000 and 1,500,000 octets a minute), two flows of 1000 and 2000 bytes in one second.
            String interfaceUrl = base + "/metrics/interfaces/" + new InterfaceKey(DEVICE, 1).derivedId() + "/metrics";
            String range = "{\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(180) + "\"}";
            String expectedRates = "{\"ifInOctets\":[" + points(t0, 3, "1000000") + "],\"ifOutOctets\":["
                    + points(t0, 3, "200000") + "]}";
            String statsUrl = base + "/api/mgmt.flowgateway_analytics/1.0/import_stats";
            String statsQuery = "{\"stats_type\":\"flows_per_minute\",\"start_time\":" + t0.getEpochSecond()
                    + ",\"end_time\":" + t0.plusSeconds(60).getEpochSecond() + ",\"source_ip\":\"" + EXPORTER + "\"}";
            String expectedStats = "[{\"time\":\"" + CLOCK.format(t0) + "+00:00\",\"source_ip\":\"" + EXPORTER
                    + "\",\"n_flows\":2,\"n_bytes\":3000,\"n_bad_bytes\":0,\"n_packets\":30,\"n_bad_packets\":0,"
                    + "\"peak_n_flows\":\"2\",\"peak_n_bytes\":\"3000\",\"peak_n_packets\":\"30\"}]";
            Optional<String> token = EndToEndKit.demoToken(stateDir);
            HttpResponse<String> rates = sendUntil(() -> withToken(postJson(interfaceUrl, range), token),
                    body(expectedRates));
            HttpResponse<String> stats = sendUntil(() -> withToken(postJson(statsUrl, statsQuery), token),
                    body(expectedStats));

            assertThat(rates.statusCode()).isEqualTo(200);
            assertThat(rates.body()).isEqualTo(expectedRates);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).isEqualTo(expectedStats);
            assertThat(ingestTotals(netpulse, "ingest-rejected-total")).isEqualTo(Map.of(
                    counters, 5.0, flows, 3.0, inventory, 2.0));
            assertThat(netpulse.health().live()).isTrue();
            assertThat(netpulse.streams().metadataForLocalThreads()).extracting(ThreadMetadata::threadState)
                    .containsOnly("RUNNING");
        }
    }

    /**
     * A broker and the largest bad record it accepts on an input topic, whose copy with the dead-letter headers is
     * larger than what Kafka Streams' producer sends ({@code max.request.size}, 1 MiB by default).
     *
     * @param messageMaxBytes the test broker's {@code message.max.bytes}; 0 for the app's own embedded broker
     * @param badRecordBytes  the bad record's size
     */
    record BrokerLimit(String name, int messageMaxBytes, int badRecordBytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BrokerLimit> brokerLimits() {
        return List.of(
                // 1,048,400 bytes of value make a batch of 1,048,497 bytes: under the broker's 1,048,588.
                new BrokerLimit("embedded default broker, message.max.bytes 1048588", 0, 1_048_400),
                new BrokerLimit("broker with message.max.bytes 1.2 MiB", 1_258_291, 1_153_434));
    }

    /**
     * A bad record as large as the broker accepts, between valid ones on the same partition: it reaches the
     * dead-letter topic cut to exactly what the producer sends, with its original size and SHA-256 and its
     * coordinates, the valid records after it are counted, and the stream thread keeps running.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokerLimits")
    void aBadRecordAsLargeAsTheBrokerAcceptsIsDeadLetteredCutToFitAndTheRecordsAfterItAreCounted(BrokerLimit limit)
            throws Exception {
        int httpPort = freePort();
        Map<String, String> environment = environment(stateDir, httpPort);
        String base = "http://127.0.0.1:" + httpPort;
        try (EmbeddedBrokerSupport.Broker broker = limit.messageMaxBytes() == 0 ? null : EmbeddedBrokerSupport.start(
                Map.of("message.max.bytes", Integer.toString(limit.messageMaxBytes())))) {
            if (broker != null) {
                environment.put("NETPULSE_KAFKA_BOOTSTRAP", broker.bootstrapServers());
            }
            AppConfig config = config(environment);
            try (Netpulse netpulse = new Netpulse(config).start();
                 HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(
                         RegistrySettings.of(URI.create(base + "/registry")))) {
                EndToEndKit.await("instance ready", () -> netpulse.health().ready());
                AvroSerdes serdes = new AvroSerdes(registry);
                String counters = config.topics().names().counters();
                Instant t0 = recentMinute();
                byte[] bad = new byte[limit.badRecordBytes()];
                Arrays.fill(bad, (byte) 'x');

                List<RecordMetadata> landed = produce(netpulse.bootstrapServers(), List.of(
                        counter(serdes, counters, sample(DEVICE, 1, t0, 1_000_000_000L, 5_000_000L)),
                        counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(60), 1_007_500_000L, 6_500_000L)),
                        record(counters, DEVICE, bad),
                        counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(120), 1_015_000_000L,
                                8_000_000L)),
                        counter(serdes, counters, sample(DEVICE, 1, t0.plusSeconds(180), 1_022_500_000L,
                                9_500_000L))));
                String interfaceUrl = base + "/metrics/interfaces/" + new InterfaceKey(DEVICE, 1).derivedId()
                        + "/metrics";
                String range = "{\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(180) + "\"}";
                String expectedRates = "{\"ifInOctets\":[" + points(t0, 3, "1000000") + "],\"ifOutOctets\":["
                        + points(t0, 3, "200000") + "]}";
                HttpResponse<String> rates = sendUntil(() -> withToken(postJson(interfaceUrl, range),
                        EndToEndKit.demoToken(stateDir)), body(expectedRates));
                List<ConsumerRecord<byte[], byte[]>> deadLetters =
                        readToEnd(netpulse.bootstrapServers(), config.topics().names().deadLetter());

                assertThat(rates.statusCode()).isEqualTo(200);
                assertThat(rates.body()).as("the valid records after the bad one are counted").isEqualTo(expectedRates);
                assertThat(deadLetters).hasSize(1);
                ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.getFirst();
                RecordMetadata source = landed.get(2);
                assertThat(header(deadLetter, "__streams.errors.topic")).isEqualTo(source.topic());
                assertThat(header(deadLetter, "__streams.errors.partition"))
                        .isEqualTo(Integer.toString(source.partition()));
                assertThat(header(deadLetter, "__streams.errors.offset")).isEqualTo(Long.toString(source.offset()));
                assertThat(header(deadLetter, "__streams.errors.exception")).isEqualTo(DeadLetters.REJECTED);
                assertThat(header(deadLetter, "__streams.errors.message")).isEqualTo("not in the Confluent Avro wire"
                        + " format (magic byte 0 and a 4-byte schema id): " + bad.length + " bytes starting with 0x78");
                assertThat(header(deadLetter, "__netpulse.errors.original.size"))
                        .isEqualTo(Integer.toString(bad.length));
                assertThat(header(deadLetter, "__netpulse.errors.original.sha256")).isEqualTo(
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bad)));
                assertThat(deadLetter.key()).isEqualTo(DEVICE.getBytes(StandardCharsets.UTF_8));
                assertThat(deadLetter.value()).hasSizeLessThan(bad.length)
                        .isEqualTo(Arrays.copyOf(bad, deadLetter.value().length));
                assertThat(AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                        CompressionType.NONE, deadLetter.key(), deadLetter.value(), deadLetter.headers().toArray()))
                        .as("cut to exactly the producer's max.request.size").isEqualTo(1_048_576);
                assertThat(ingestTotals(netpulse, "ingest-rejected-total")).isEqualTo(Map.of(counters, 1.0));
                assertThat(netpulse.health().live()).isTrue();
                assertThat(netpulse.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(netpulse.streams().metadataForLocalThreads()).extracting(ThreadMetadata::threadState)
                        .containsOnly("RUNNING");
            }
        }
    }

    private static Sent valid(ProducerRecord<byte[], byte[]> record) {
        return new Sent(record, null);
    }

    private static ProducerRecord<byte[], byte[]> counter(AvroSerdes serdes, String topic, CounterSample sample) {
        return record(topic, DEVICE, serdes.framed(CounterSample.class).serializer().serialize(topic, sample));
    }

    private static ProducerRecord<byte[], byte[]> flowRecord(AvroSerdes serdes, String topic, FlowRecord flow) {
        return record(topic, EXPORTER, serdes.framed(FlowRecord.class).serializer().serialize(topic, flow));
    }

    private static String points(Instant t0, int minutes, String value) {
        List<String> points = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            points.add("{\"clock\":\"" + CLOCK.format(t0.plusSeconds(60L * minute)) + "\",\"value\":" + value + "}");
        }
        return String.join(",", points);
    }

    private static Predicate<HttpResponse<String>> body(String expected) {
        return response -> response.statusCode() == 200 && response.body().equals(expected);
    }

    /** The project's per-topic ingest counters (entity = topic), summed over stream threads. */
    private static Map<String, Double> ingestTotals(Netpulse netpulse, String name) {
        Map<String, Double> totals = new java.util.TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : netpulse.streams().metrics().entrySet()) {
            MetricName metricName = metric.getKey();
            String entity = metricName.tags().get("netpulse-id");
            if (metricName.name().equals(name) && entity != null && !entity.equals("all")) {
                totals.merge(entity, ((Number) metric.getValue().metricValue()).doubleValue(), Double::sum);
            }
        }
        return totals;
    }
}
