package io.netpulse.topology.sourcestats;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The {@link TopologyHarness} over {@link NetpulseTopology} with the topics flow tests use, its wall clock at
 * {@link #WALL_CLOCK} so Ingest's time bounds accept every record of a test. Reused by the query API's tests.
 */
public final class SourceStatsHarness implements AutoCloseable {

    /** The driver's wall clock: an hour after T0, so records from T0 to T0 + 65 minutes are accepted. */
    public static final Instant WALL_CLOCK = T0.plus(Duration.ofHours(1));

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, FlowRecord> flows;
    public final TestOutputTopic<String, SourceWindowStats> sourceStats;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestInputTopic<String, byte[]> rawFlows;
    /** The repartition by source, to pipe batches of seconds as an input task's commit sends them. */
    public final TestInputTopic<String, FlowCountsBatch> bySource;
    private final TopologyHarness harness;

    public SourceStatsHarness(TopologySettings settings) {
        this(settings, WALL_CLOCK);
    }

    /** A harness whose wall clock is {@code wallClock}, for records taken verbatim from an exporter of another day. */
    public SourceStatsHarness(TopologySettings settings, Instant wallClock) {
        this(settings, wallClock, new Properties());
    }

    /** A harness with Kafka Streams properties of the test's own ({@link TopologyHarness#start}). */
    public SourceStatsHarness(TopologySettings settings, Instant wallClock, Properties overrides) {
        harness = TopologyHarness.start(settings, wallClock, overrides);
        driver = harness.driver();
        flows = harness.input(settings.topics().flows(), new StringSerializer(),
                harness.serdes().framed(FlowRecord.class).serializer());
        rawFlows = harness.input(settings.topics().flows(), new StringSerializer(), new ByteArraySerializer());
        bySource = harness.input(TopologyHarness.APPLICATION_ID + "-flow-stats-by-source-repartition",
                new StringSerializer(), FlowCountsBatch.serde(harness.serdes()).serializer());
        sourceStats = harness.output(settings.topics().sourceStats(), new StringDeserializer(),
                harness.topics().sourceStats().valueSerde().deserializer());
        deadLetters = harness.output(settings.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    public SourceStatsHarness() {
        this(TopologySettings.defaults());
    }

    /**
     * A valid record of {@code exporter}, received at {@code receivedAt}: 1 flow of 1000 bytes in 10 packets,
     * unsampled, its flow ending at the receive time and starting a second before.
     */
    public static FlowRecord.Builder flow(String exporter, Instant receivedAt) {
        return FlowRecord.newBuilder()
                .setExporter(exporter)
                .setSrcAddr("192.0.2.10")
                .setDstAddr("198.51.100.20")
                .setBytes(1000)
                .setPackets(10)
                .setFlows(1)
                .setSamplingRate(1)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(receivedAt.minusSeconds(1))
                .setFlowEnd(receivedAt)
                .setReceivedAt(receivedAt);
    }

    /** Pipes {@code record} at its receive time (the record timestamp does not matter to the topology). */
    public void pipe(FlowRecord record) {
        Instant at = record.getReceivedAt() != null ? record.getReceivedAt() : record.getFlowEnd();
        flows.pipeInput(record.getExporter(), record, at);
    }

    /** A netpulse counter ({@link TopologyMetrics}) for {@code entity}, 0 when never counted. */
    public double netpulseTotal(String event, String entity) {
        return harness.netpulseTotal(event, entity);
    }

    /** Kafka Streams' count of records dropped for arriving after the grace (all tasks). */
    public double droppedRecords() {
        return harness.total("stream-task-metrics", "dropped-records-total", null, null);
    }

    @Override
    public void close() {
        harness.close();
    }
}
