package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.app.registry.EmbeddedSchemaRegistry;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
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
                         DemoExporter.DEFAULT_SEED, Clock.fixed(T0, ZoneOffset.UTC))) {
                exporter.start();
                AvroSerdes serdes = new AvroSerdes(registry);
                DemoTraffic expected = new DemoTraffic(DemoExporter.DEFAULT_SEED, T0);

                Map<String, String> inventory = new LinkedHashMap<>();
                read(kafka, NAMES.inventory(), 34, r -> true).forEach(r -> inventory.put(
                        new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8)));
                Deserializer<CounterSample> counters = serdes.framed(CounterSample.class).deserializer();
                List<CounterSample> firstPoll = read(kafka, NAMES.counters(), 24,
                        r -> counters.deserialize(NAMES.counters(), r.value()).getPollTime()
                                .isBefore(T0.plusSeconds(10)))
                        .stream().map(r -> counters.deserialize(NAMES.counters(), r.value())).toList();
                Deserializer<FlowRecord> flows = serdes.framed(FlowRecord.class).deserializer();
                List<ConsumerRecord<byte[], byte[]>> firstSecond = read(kafka, NAMES.flows(), 24,
                        r -> flows.deserialize(NAMES.flows(), r.value()).getReceivedAt().equals(T0));

                assertThat(inventory).isEqualTo(DemoTraffic.inventory());
                assertThat(firstPoll).containsExactlyInAnyOrderElementsOf(expected.nextPoll());
                assertThat(firstSecond.stream().map(r -> flows.deserialize(NAMES.flows(), r.value())).toList())
                        .containsExactlyInAnyOrderElementsOf(expected.nextFlowSecond());
                assertThat(firstSecond).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(flows.deserialize(NAMES.flows(), r.value()).getExporter()));
                assertThat(registry.subjects()).containsExactlyInAnyOrder("netpulse.counters-value",
                        "netpulse.flows-value");
            }
        }
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
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
