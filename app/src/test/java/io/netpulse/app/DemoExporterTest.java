package io.netpulse.app;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.testkit.TestTime;
import io.netpulse.testkit.Waits;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.inputs.flows.goflow2.GoflowJsonParser;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo exporter writes exactly what {@link DemoTraffic} computes, in the formats production exporters use. */
class DemoExporterTest {

    private static final TopicNames NAMES = TopicNames.defaults();

    @TempDir
    Path stateDir;

    @Test
    void publishesTheInventoryThenTheFirstPollAndFlowSecondInTheConfluentFormat() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(stateDir.resolve("kafka"), 0, 0).start()) {
            Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, true), (short) 1);
            }
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(client, NAMES.schemas());
                 DemoExporter exporter = new DemoExporter(client, NAMES, new AvroSerdes(registry),
                         DemoExporter.DEFAULT_SEED, Duration.ZERO, TestTime.fixedClock())) {
                exporter.start();
                AvroSerdes serdes = new AvroSerdes(registry);
                DemoTraffic expected = new DemoTraffic(DemoExporter.DEFAULT_SEED, T0);

                Map<String, String> inventory = new LinkedHashMap<>();
                read(kafka, NAMES.inventory(), 34, r -> true).forEach(r -> inventory.put(
                        new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8)));
                List<CounterSample> poll = expected.nextPoll();
                List<FlowRecord> second = expected.nextFlowSecond();
                List<CounterSample> avroPoll = poll.stream()
                        .filter(sample -> !DemoFormats.TELEGRAF_DEVICES.contains(sample.getDevice())).toList();
                Set<String> telegrafPoll = new HashSet<>();
                poll.stream().filter(sample -> DemoFormats.TELEGRAF_DEVICES.contains(sample.getDevice()))
                        .forEach(sample -> {
                            telegrafPoll.addAll(DemoFormats.telegrafInterfaceRows(sample));
                            telegrafPoll.add(DemoFormats.telegrafUptime(sample.getDevice(), sample.getPollTime(),
                                    sample.getSysUpTime()));
                        });
                List<FlowRecord> goflowSecond = second.stream()
                        .filter(flow -> DemoFormats.GOFLOW2_EXPORTERS.contains(flow.getExporter())).toList();

                Deserializer<CounterSample> counters = serdes.framed(CounterSample.class).deserializer();
                List<CounterSample> firstPoll = read(kafka, NAMES.counters(), avroPoll.size(),
                        r -> counters.deserialize(NAMES.counters(), r.value()).getPollTime()
                                .isBefore(T0.plusSeconds(10)))
                        .stream().map(r -> counters.deserialize(NAMES.counters(), r.value())).toList();
                List<ConsumerRecord<byte[], byte[]>> telegraf = read(kafka, NAMES.telegraf(), telegrafPoll.size(),
                        r -> new String(r.value(), StandardCharsets.UTF_8).endsWith("\"timestamp\":1767225600}\n"));
                Deserializer<FlowRecord> flows = serdes.framed(FlowRecord.class).deserializer();
                List<ConsumerRecord<byte[], byte[]>> firstSecond = read(kafka, NAMES.flows(),
                        second.size() - goflowSecond.size(),
                        r -> flows.deserialize(NAMES.flows(), r.value()).getReceivedAt().equals(T0));
                GoflowJsonParser goflow = new GoflowJsonParser();
                List<FlowRecord> goflowFirstSecond = read(kafka, NAMES.flowMessages(), goflowSecond.size(),
                        r -> goflowRecord(goflow, r).getReceivedAt().equals(T0))
                        .stream().map(r -> goflowRecord(goflow, r)).toList();

                assertThat(inventory).isEqualTo(DemoTraffic.inventory());
                // Two devices poll through Telegraf: 3 x 2 rows + 1 row (the 32-bit interface) + 4 x 2 rows, 2 uptimes.
                assertThat(avroPoll).hasSize(16);
                assertThat(telegrafPoll).hasSize(17);
                assertThat(firstPoll).containsExactlyInAnyOrderElementsOf(avroPoll);
                assertThat(telegraf).map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactlyInAnyOrderElementsOf(telegrafPoll);
                assertThat(telegraf).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isIn(DemoFormats.TELEGRAF_DEVICES));
                assertThat(goflowSecond).isNotEmpty();
                assertThat(firstSecond.stream().map(r -> flows.deserialize(NAMES.flows(), r.value())).toList())
                        .containsExactlyInAnyOrderElementsOf(second.stream()
                                .filter(flow -> !goflowSecond.contains(flow)).toList());
                assertThat(goflowFirstSecond).containsExactlyInAnyOrderElementsOf(goflowSecond);
                assertThat(firstSecond).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(flows.deserialize(NAMES.flows(), r.value()).getExporter()));
                assertThat(registry.store().subjects(InMemorySchemaRegistry.Deleted.EXCLUDED)).containsExactly(
                        "netpulse.counters-value",
                        "netpulse.flows-value");
            }
        }
    }

    @Test
    void onAFreshBrokerTheBackfillComesFirstAndALaterStartRepeatsNothing() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(stateDir.resolve("kafka"), 0, 0).start()) {
            Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, true), (short) 1);
            }
            Instant later = T0.plus(Duration.ofHours(1));
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(client, NAMES.schemas())) {
                AvroSerdes serdes = new AvroSerdes(registry);
                Deserializer<CounterSample> counters = serdes.framed(CounterSample.class).deserializer();
                Predicate<ConsumerRecord<byte[], byte[]>> amsUplink = r -> {
                    CounterSample sample = counters.deserialize(NAMES.counters(), r.value());
                    return sample.getDevice().equals("ams-edge-1") && sample.getIfIndex() == 1;
                };
                try (DemoExporter first = new DemoExporter(client, NAMES, serdes, DemoExporter.DEFAULT_SEED,
                        Duration.ofMinutes(2), TestTime.fixedClock())) {
                    first.start();
                    // Two minutes of history, polls at T0 - 120 s to T0 - 10 s, then the live poll at T0; each
                    // 150 ms after the tick for device 1.
                    List<Instant> polled = read(kafka, NAMES.counters(), 13, amsUplink).stream()
                            .map(r -> counters.deserialize(NAMES.counters(), r.value()).getPollTime()).toList();
                    List<Instant> expected = new ArrayList<>();
                    for (int n = 0; n <= 12; n++) {
                        expected.add(T0.minusSeconds(120).plusSeconds(10L * n).plusMillis(150));
                    }
                    assertThat(polled.subList(0, 13)).isEqualTo(expected);
                }
                try (DemoExporter again = new DemoExporter(client, NAMES, serdes, DemoExporter.DEFAULT_SEED,
                        Duration.ofMinutes(2), TestTime.fixedAt(later))) {
                    again.start();
                    // The second start begins at its own time: nothing written for the two minutes before it.
                    List<Instant> polled = read(kafka, NAMES.counters(), 1, r -> amsUplink.test(r)
                            && !counters.deserialize(NAMES.counters(), r.value()).getPollTime()
                            .isBefore(later.minusSeconds(120))).stream()
                            .map(r -> counters.deserialize(NAMES.counters(), r.value()).getPollTime()).toList();
                    assertThat(polled.getFirst()).isEqualTo(later.plusMillis(150));
                }
            }
        }
    }

    private static FlowRecord goflowRecord(GoflowJsonParser parser, ConsumerRecord<byte[], byte[]> record) {
        Parsed<FlowRecord> parsed = parser.parse("flow-messages", record.key(), record.value());
        return ((Parsed.Accepted<FlowRecord>) parsed).values().get(0);
    }

    /** Reads {@code topic} from the start until {@code expected} records match, or 30 s passed. */
    private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic, int expected,
                                                             Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "demo-exporter-test-" + topic),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Waits.lastOf(Waits.await(expected + " records of " + topic, Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(1)), () -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (wanted.test(record)) {
                                records.add(record);
                            }
                        }
                        return records;
                    }, read -> read.size() >= expected);
        }
        return records;
    }
}
