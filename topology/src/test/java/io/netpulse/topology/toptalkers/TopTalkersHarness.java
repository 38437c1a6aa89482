package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The {@link TopologyHarness} for the top talkers: flows in as netpulse Avro, inventory
 * interfaces in as JSON, the lists read from their stores. Reused by the query API's tests.
 */
public final class TopTalkersHarness implements AutoCloseable {

    /** The driver's wall clock: two hours after T0, so flows of T0's first two hours are accepted. */
    public static final Instant WALL_CLOCK = T0.plus(Duration.ofHours(2));

    public final TopologyTestDriver driver;
    private final TestInputTopic<String, FlowRecord> flows;
    private final TestInputTopic<String, byte[]> inventory;
    private final TopologyHarness harness;

    public TopTalkersHarness() {
        TopologySettings settings = TopologySettings.defaults();
        harness = TopologyHarness.start(settings, WALL_CLOCK);
        driver = harness.driver();
        flows = harness.input(settings.topics().flows(), new StringSerializer(),
                harness.serdes().framed(FlowRecord.class).serializer());
        inventory = harness.input(settings.topics().inventory(), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * An unsampled record of {@code exporter} from {@code src} to {@code dst}, received at {@code receivedAt}:
     * {@code bytes} and {@code packets} as given, its flow ending at the receive time.
     */
    public static FlowRecord.Builder flow(String exporter, String src, String dst, long bytes, long packets,
                                          Instant receivedAt) {
        return FlowRecord.newBuilder()
                .setExporter(exporter)
                .setSrcAddr(src)
                .setDstAddr(dst)
                .setBytes(bytes)
                .setPackets(packets)
                .setFlows(1)
                .setSamplingRate(1)
                .setBadBytes(0)
                .setBadPackets(0)
                .setFlowStart(receivedAt.minusSeconds(1))
                .setFlowEnd(receivedAt)
                .setReceivedAt(receivedAt);
    }

    /** Pipes {@code record} at its receive time. */
    public void pipe(FlowRecord record) {
        flows.pipeInput(record.getExporter(), record, record.getReceivedAt());
    }

    /** Names interface {@code ifIndex} of {@code device} in the inventory, in {@code site}. */
    public void interfaceIn(String device, int ifIndex, UUID site) {
        UUID id = UUID.nameUUIDFromBytes((device + "|" + ifIndex).getBytes(StandardCharsets.UTF_8));
        inventory.pipeInput("interface:" + id, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d}
                """.formatted(id, site, device, ifIndex).getBytes(StandardCharsets.UTF_8), T0);
    }

    /** Moves the driver's wall clock, so the minutes of sites (closed by the wall-clock check) close. */
    public void tick() {
        harness.advance(Duration.ofSeconds(1));
    }

    /** The minute list of {@code scope} starting at {@code start}, null when it has none. */
    public TopTalkers minute(String scope, Instant start) {
        return fetch(StoreNames.TOP_TALKERS_MINUTE, scope, start);
    }

    /** The hour list of {@code scope} starting at {@code start}, null when it has none. */
    public TopTalkers hour(String scope, Instant start) {
        return fetch(StoreNames.TOP_TALKERS_HOUR, scope, start);
    }

    private TopTalkers fetch(String store, String scope, Instant start) {
        return harness.window(store, scope, start);
    }

    /** A netpulse counter ({@link TopologyMetrics}) for {@code entity}, 0 when never counted. */
    public double netpulseTotal(String event, String entity) {
        return harness.netpulseTotal(event, entity);
    }

    @Override
    public void close() {
        harness.close();
    }
}
