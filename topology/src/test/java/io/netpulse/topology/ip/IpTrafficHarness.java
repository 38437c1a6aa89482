package io.netpulse.topology.ip;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.TopologyTestDrivers;
import io.netpulse.topology.time.SourceClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A TopologyTestDriver over {@link NetpulseTopology} for the per-IP statistics: inventory addresses in as JSON,
 * flows in as Confluent-framed Avro, {@code netpulse.ip-stats} out, and the three stores. Its wall clock is
 * {@link #WALL_CLOCK}, so Ingest's time bounds accept flows from T0 to four days later. Reused by the query API's
 * tests.
 */
public final class IpTrafficHarness implements AutoCloseable {

    /** The driver's wall clock: four days after T0. */
    public static final Instant WALL_CLOCK = T0.plus(Duration.ofDays(4));
    /** The exporter of every test flow. */
    public static final String ROUTER = "10.0.0.1";

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, FlowRecord> flows;
    public final TestInputTopic<String, String> inventory;
    public final TestOutputTopic<String, IpTrafficWindowStats> ipStats;
    public final TestOutputTopic<String, Alert> alerts;
    private final Path stateDir;

    public IpTrafficHarness(TopologySettings settings) {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        Topics topics = Topics.of(settings.topics(), serdes);
        stateDir = TopologyTestDrivers.tempStateDir("netpulse-ip-test");
        driver = TopologyTestDrivers.start(settings, serdes, "netpulse-ip-test", stateDir, WALL_CLOCK);
        flows = driver.createInputTopic(settings.topics().flows(), new StringSerializer(),
                serdes.framed(FlowRecord.class).serializer());
        inventory = driver.createInputTopic(settings.topics().inventory(), new StringSerializer(),
                new StringSerializer());
        ipStats = driver.createOutputTopic(settings.topics().ipStats(), new StringDeserializer(),
                topics.ipStats().valueSerde().deserializer());
        alerts = driver.createOutputTopic(settings.topics().alerts(), new StringDeserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    public IpTrafficHarness() {
        this(TopologySettings.defaults());
    }

    /** Puts {@code address} in the inventory, on dedicated server {@code serverId} of {@code accountId}. */
    public void address(String address, String accountId, String serverId, LocalDate serverCreated) {
        inventory.pipeInput("ip:" + address, """
                {"type": "ip", "address": "%s", "account_id": "%s", "server_id": "%s", "server_created": "%s"}"""
                .formatted(address, accountId, serverId, serverCreated), T0);
    }

    /** Removes {@code address} from the inventory (a tombstone). */
    public void removeAddress(String address) {
        inventory.pipeInput("ip:" + address, null, T0);
    }

    /**
     * A valid unsampled record of {@link #ROUTER}: {@code bytes} from {@code src} to {@code dst} in one packet per
     * 100 bytes (at least one), received at {@code receivedAt}.
     */
    public static FlowRecord.Builder flow(String src, String dst, long bytes, Instant receivedAt) {
        return FlowRecord.newBuilder()
                .setExporter(ROUTER)
                .setSrcAddr(src)
                .setDstAddr(dst)
                .setBytes(bytes)
                .setPackets(Math.max(1, bytes / 100))
                .setFlows(1)
                .setSamplingRate(1)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(receivedAt.minusSeconds(1))
                .setFlowEnd(receivedAt)
                .setReceivedAt(receivedAt);
    }

    /**
     * Pipes {@code record} at its receive time, then lets a close check run: samples fed by many exporters close
     * on the wall clock ({@link SourceClock#CLOSE_CHECK_INTERVAL}), so the driver's clock moves on by that much.
     */
    public void pipe(FlowRecord record) {
        flows.pipeInput(record.getExporter(), record, record.getReceivedAt());
        driver.advanceWallClockTime(SourceClock.CLOSE_CHECK_INTERVAL);
    }

    /** Pipes an unsampled flow of {@code bytes} from {@code src} to {@code dst} at {@code at}. */
    public void pipe(String src, String dst, long bytes, Instant at) {
        pipe(flow(src, dst, bytes, at).build());
    }

    /** The base sample of {@code address} starting at {@code start}, or null when there is none. */
    public IpTrafficSample sample(String address, Instant start) {
        return value(driver.<String, IpTrafficSample>getTimestampedWindowStore(StoreNames.IP_TRAFFIC_SAMPLE)
                .fetch(address, start.toEpochMilli()));
    }

    /** The hourly statistics of {@code address} for the hour starting at {@code start}, or null. */
    public IpTrafficStats hour(String address, Instant start) {
        return value(driver.<String, IpTrafficStats>getTimestampedWindowStore(StoreNames.IP_TRAFFIC_HOUR)
                .fetch(address, start.toEpochMilli()));
    }

    /** The daily statistics of {@code address} for the day starting at {@code start}, or null. */
    public IpTrafficStats day(String address, Instant start) {
        return value(driver.<String, IpTrafficStats>getTimestampedWindowStore(StoreNames.IP_TRAFFIC_DAY)
                .fetch(address, start.toEpochMilli()));
    }

    /** A netpulse metric ({@link TopologyMetrics}) for {@code entity}, 0 when never recorded. */
    public double netpulseTotal(String event, String entity) {
        return metric(TopologyMetrics.GROUP, event + "-total", entity);
    }

    /**
     * Kafka Streams' count of records dropped for arriving after the grace. The driver runs the whole topology in
     * one task, so this counts the drops of every windowed step: the flow statistics' minutes too.
     */
    public double droppedRecords() {
        return metric("stream-task-metrics", "dropped-records-total", "task-id", "0_0");
    }

    private double metric(String group, String name, String entity) {
        return metric(group, name, "netpulse-id", entity);
    }

    private double metric(String group, String name, String tag, String value) {
        double total = 0;
        for (var entry : driver.metrics().entrySet()) {
            MetricName metricName = entry.getKey();
            if (metricName.group().equals(group) && metricName.name().equals(name)
                    && value.equals(metricName.tags().get(tag))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    private static <V> V value(ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    @Override
    public void close() {
        driver.close();
        TopologyTestDrivers.delete(stateDir);
    }
}
