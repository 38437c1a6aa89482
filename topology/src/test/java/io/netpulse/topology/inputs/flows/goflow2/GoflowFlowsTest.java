package io.netpulse.topology.inputs.flows.goflow2;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.flows.SamplingRates;
import io.netpulse.topology.inputs.ingest.Ingest;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The goflow2 path through {@link GoflowFlows#flows}, in both formats, fed as goflow2 writes to Kafka. */
class GoflowFlowsTest {

    static final long T0_NS = T0.getEpochSecond() * 1_000_000_000L;
    static final String FLOWS = "test.goflow2-flows";
    static final Ingest.TimeBounds BOUNDS = new Ingest.TimeBounds(Duration.ofDays(1), Duration.ofDays(30));

    private TopologyHarness harness;
    private TestInputTopic<byte[], byte[]> flowMessages;
    private TestOutputTopic<byte[], FlowRecord> flows;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    private void start(ExporterSettings.Goflow2Format format) {
        TopologySettings settings = TopologySettings.defaults();
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        StreamsBuilder builder = new StreamsBuilder();
        GoflowFlows.flows(builder, Topics.of(settings.topics(), serdes), new ExporterSettings.Goflow2(format, Map.of()),
                        BOUNDS, Parsed::accepted,
                        Ingest.EventTime.of(GoflowFlows::eventTime, FlowRecord::getExporter))
                .to(FLOWS, Produced.with(Serdes.ByteArray(), serdes.internal(FlowRecord.class)));
        harness = TopologyHarness.start(builder.build(), serdes, settings, T0);
        flowMessages = harness.input(settings.topics().flowMessages(), new ByteArraySerializer(),
                new ByteArraySerializer());
        flows = harness.output(FLOWS, new ByteArrayDeserializer(), serdes.internal(FlowRecord.class).deserializer());
        deadLetters = harness.output(settings.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void readsJsonFlowsStampedWithTheirReceiveTime() {
        start(ExporterSettings.Goflow2Format.JSON);
        flowMessages.pipeInput(json(T0_NS + 2_500_000_000L, 100).getBytes(StandardCharsets.UTF_8));

        Instant received = T0.plusMillis(2_500);
        assertThat(flows.readRecordsToList()).containsExactly(new TestRecord<>(null,
                new FlowRecord("192.168.0.1", "fd01::1", "fd01::2", 1500L, 1L, 1L, 100L, 0L, 0L, T0, T0.plusSeconds(1),
                        received), new RecordHeaders(), received));
    }

    @Test
    void readsDelimitedProtobufFlowsWhenConfigured() {
        start(ExporterSettings.Goflow2Format.PROTOBUF);
        byte[] message = GoflowProtoParserTest.delimited(GoflowProtoParserTest.readmeFlow()
                .setTimeReceivedNs(T0_NS + 2_500_000_000L)
                .setTimeFlowStartNs(T0_NS)
                .setTimeFlowEndNs(T0_NS + 1_000_000_000L)
                .build());
        flowMessages.pipeInput(message);

        Instant received = T0.plusMillis(2_500);
        assertThat(flows.readRecordsToList()).containsExactly(new TestRecord<>(null,
                new FlowRecord("192.168.0.1", "fd01::1", "fd01::2", 1500L, 1L, 1L, 100L, 0L, 0L, T0, T0.plusSeconds(1),
                        received), new RecordHeaders(), received));
    }

    @Test
    void passesSamplingRateZeroOnForTheFlowRulesToResolve() {
        start(ExporterSettings.Goflow2Format.JSON);
        flowMessages.pipeInput(json(T0_NS, 0).getBytes(StandardCharsets.UTF_8));
        flowMessages.pipeInput(json(T0_NS, 0).getBytes(StandardCharsets.UTF_8));
        flowMessages.pipeInput(json(T0_NS, 100).getBytes(StandardCharsets.UTF_8));

        assertThat(flows.readValuesToList()).extracting(FlowRecord::getSamplingRate).containsExactly(0L, 0L, 100L);
        // What the flow statistics then scale by: the default, unless the exporter has its own rate.
        SamplingRates withoutOverride = new SamplingRates(1, Map.of());
        SamplingRates withOverride = new SamplingRates(1, Map.of("192.168.0.1", 1000L));
        assertThat(withoutOverride.rateFor("192.168.0.1", 0)).isEqualTo(1);
        assertThat(withOverride.rateFor("192.168.0.1", 0)).isEqualTo(1000);
        assertThat(withOverride.rateFor("192.168.0.1", 100)).isEqualTo(100);
    }

    @Test
    void deadLettersAMalformedFlowOfEachFormat() {
        start(ExporterSettings.Goflow2Format.JSON);
        byte[] noExporter = "{\"type\":\"IPFIX\",\"bytes\":10,\"packets\":1}".getBytes(StandardCharsets.UTF_8);
        flowMessages.pipeInput(noExporter);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(noExporter);
        assertThat(header(dead)).isEqualTo("sampler_address is missing: the flow cannot be attributed to an exporter");
        assertThat(deadLetters.isEmpty()).isTrue();
        harness.close();

        start(ExporterSettings.Goflow2Format.PROTOBUF);
        byte[] json = json(T0_NS, 100).getBytes(StandardCharsets.UTF_8);
        flowMessages.pipeInput(json);

        dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(json);
        assertThat(header(dead)).isEqualTo(
                "not a varint-length-delimited goflow2 FlowMessage: Protocol message tag had invalid wire type.");
        assertThat(flows.isEmpty()).isTrue();
    }

    @Test
    void stampsAFlowWithoutReceiveTimeWithItsEnd() {
        start(ExporterSettings.Goflow2Format.JSON);
        flowMessages.pipeInput(json(0, 100).getBytes(StandardCharsets.UTF_8));

        assertThat(flows.readRecordsToList()).containsExactly(new TestRecord<>(null,
                new FlowRecord("192.168.0.1", "fd01::1", "fd01::2", 1500L, 1L, 1L, 100L, 0L, 0L, T0, T0.plusSeconds(1),
                        null), new RecordHeaders(), T0.plusSeconds(1)));
    }

    /** goflow2's emitted JSON line (README values) received at {@code receivedNs}, started at T0, ended 1 s later. */
    private static String json(long receivedNs, long samplingRate) {
        return GoflowJsonParserTest.EMITTED_LINE
                .replace("\"time_received_ns\":1681583295157626000", "\"time_received_ns\":" + receivedNs)
                .replace("\"time_flow_start_ns\":1681583295157626000", "\"time_flow_start_ns\":" + T0_NS)
                .replace("\"time_flow_end_ns\":1681583295157626000",
                        "\"time_flow_end_ns\":" + (T0_NS + 1_000_000_000L))
                .replace("\"sampling_rate\":100", "\"sampling_rate\":" + samplingRate);
    }

    private static String header(TestRecord<byte[], byte[]> record) {
        return new String(record.headers().lastHeader(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)
                .value(), StandardCharsets.UTF_8);
    }
}
