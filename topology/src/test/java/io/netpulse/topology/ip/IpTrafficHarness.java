package io.netpulse.topology.ip;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.time.SourceClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The {@link TopologyHarness} over {@link NetpulseTopology} for the per-IP statistics: inventory addresses in as JSON,
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
    private final TopologyHarness harness;

    public IpTrafficHarness(TopologySettings settings) {
        harness = TopologyHarness.start(settings, WALL_CLOCK);
        driver = harness.driver();
        flows = harness.input(settings.topics().flows(), new StringSerializer(),
                harness.serdes().framed(FlowRecord.class).serializer());
        inventory = harness.input(settings.topics().inventory(), new StringSerializer(), new StringSerializer());
        ipStats = harness.output(settings.topics().ipStats(), new StringDeserializer(),
                harness.topics().ipStats().valueSerde().deserializer());
        alerts = harness.output(settings.topics().alerts(), new StringDeserializer(),
                harness.topics().alerts().valueSerde().deserializer());
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
        harness.advance(SourceClock.CLOSE_CHECK_INTERVAL);
    }

    /** Pipes an unsampled flow of {@code bytes} from {@code src} to {@code dst} at {@code at}. */
    public void pipe(String src, String dst, long bytes, Instant at) {
        pipe(flow(src, dst, bytes, at).build());
    }

    /** The base sample of {@code address} starting at {@code start}, or null when there is none. */
    public IpTrafficSample sample(String address, Instant start) {
        return harness.window(StoreNames.IP_TRAFFIC_SAMPLE, address, start);
    }

    /** The hourly statistics of {@code address} for the hour starting at {@code start}, or null. */
    public IpTrafficStats hour(String address, Instant start) {
        return harness.window(StoreNames.IP_TRAFFIC_HOUR, address, start);
    }

    /** The daily statistics of {@code address} for the day starting at {@code start}, or null. */
    public IpTrafficStats day(String address, Instant start) {
        return harness.window(StoreNames.IP_TRAFFIC_DAY, address, start);
    }

    /** A netpulse metric ({@link TopologyMetrics}) for {@code entity}, 0 when never recorded. */
    public double netpulseTotal(String event, String entity) {
        return harness.netpulseTotal(event, entity);
    }

    /**
     * Kafka Streams' count of records dropped for arriving after the grace. The driver runs the whole topology in
     * one task, so this counts the drops of every windowed step: the flow statistics' minutes too.
     */
    public double droppedRecords() {
        return harness.total("stream-task-metrics", "dropped-records-total", "task-id", "0_0");
    }

    @Override
    public void close() {
        harness.close();
    }
}
