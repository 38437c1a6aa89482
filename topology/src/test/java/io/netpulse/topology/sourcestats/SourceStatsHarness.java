package io.netpulse.topology.sourcestats;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.TopologyTestDrivers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A TopologyTestDriver over {@link NetpulseTopology} with the topics flow tests use, its wall clock at
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
    private final Path stateDir;

    public SourceStatsHarness(TopologySettings settings) {
        this(settings, WALL_CLOCK);
    }

    /** A harness whose wall clock is {@code wallClock}, for records taken verbatim from an exporter of another day. */
    public SourceStatsHarness(TopologySettings settings, Instant wallClock) {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        Topics topics = Topics.of(settings.topics(), serdes);
        stateDir = TopologyTestDrivers.tempStateDir("netpulse-flow-test");
        driver = TopologyTestDrivers.start(settings, serdes, "netpulse-flow-test", stateDir, wallClock);
        flows = driver.createInputTopic(settings.topics().flows(), new StringSerializer(),
                serdes.framed(FlowRecord.class).serializer());
        rawFlows = driver.createInputTopic(settings.topics().flows(), new StringSerializer(),
                new ByteArraySerializer());
        sourceStats = driver.createOutputTopic(settings.topics().sourceStats(), new StringDeserializer(),
                topics.sourceStats().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(settings.topics().deadLetter(), new ByteArrayDeserializer(),
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
        return metric(TopologyMetrics.GROUP, event + "-total", "netpulse-id", entity);
    }

    /** Kafka Streams' count of records dropped for arriving after the grace (all tasks). */
    public double droppedRecords() {
        return metric("stream-task-metrics", "dropped-records-total", null, null);
    }

    private double metric(String group, String name, String tag, String value) {
        double total = 0;
        for (var entry : driver.metrics().entrySet()) {
            MetricName metricName = entry.getKey();
            if (metricName.group().equals(group) && metricName.name().equals(name)
                    && (tag == null || value.equals(metricName.tags().get(tag)))) {
                Metric metric = entry.getValue();
                total += ((Number) metric.metricValue()).doubleValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        driver.close();
        TopologyTestDrivers.delete(stateDir);
    }
}
