package io.netpulse.topology.rates;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The {@link TopologyHarness} with helpers to pipe counter samples and inventory records at their own times. The
 * driver's wall clock follows the piped poll times, so the ingest time bounds accept them; nothing reads the real
 * clock. Shared with the query API's tests through the test jar.
 */
public final class RatesTestDriver implements AutoCloseable {

    private final TopologyHarness harness;
    private final TestInputTopic<byte[], byte[]> counters;
    private final TestInputTopic<String, byte[]> inventory;

    public RatesTestDriver(Path stateDir) {
        this(stateDir, TopologySettings.defaults());
    }

    public RatesTestDriver(Path stateDir, TopologySettings settings) {
        this(stateDir, settings, T0);
    }

    /**
     * A driver whose wall clock starts at {@code wallClock}: samples piped before it leave the clock where it is,
     * as when a backlog is read after the fact.
     */
    public RatesTestDriver(Path stateDir, TopologySettings settings, Instant wallClock) {
        this.harness = TopologyHarness.start(settings, wallClock, stateDir);
        this.counters = harness.input(settings.topics().counters(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.inventory = harness.input(settings.topics().inventory(), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The driver itself, for its stores. */
    public TopologyTestDriver driver() {
        return harness.driver();
    }

    /** The topics, with their serdes. */
    public Topics topics() {
        return harness.topics();
    }

    /** The serdes (and registry) the topology was built with. */
    public AvroSerdes serdes() {
        return harness.serdes();
    }

    /** A 64-bit sample of {@code device}/{@code ifIndex} with a 1 Gbit/s ifSpeed, polled {@code at}. */
    public static CounterSample.Builder sample(String device, int ifIndex, Instant at, Long sysUpTime,
                                               long inOctets, long outOctets) {
        return CounterSample.newBuilder()
                .setDevice(device).setIfIndex(ifIndex).setPollTime(at).setSysUpTime(sysUpTime)
                .setInOctets(inOctets).setOutOctets(outOctets).setCounterWidth(64).setIfSpeed(1_000_000_000L);
    }

    /** Pipes a sample Confluent-framed to {@code netpulse.counters}, at its poll time. */
    public void poll(CounterSample sample) {
        pipeCounters(serdes().framed(CounterSample.class).serializer().serialize(topics().names().counters(), sample),
                sample.getPollTime());
    }

    /** Pipes raw bytes to {@code netpulse.counters} at {@code at}. */
    public void pipeCounters(byte[] value, Instant at) {
        harness.advanceTo(at);
        counters.pipeInput(null, value, at);
    }

    /** Pipes an inventory record (JSON or framed Avro bytes, null for a tombstone) at {@code at}. */
    public void pipeInventory(String key, byte[] value, Instant at) {
        harness.advanceTo(at);
        inventory.pipeInput(key, value, at);
    }

    /**
     * Pipes raw bytes to any input topic at {@code at}, the driver's wall clock following: how the exporters'
     * native topics ({@code telegraf}, {@code flow-messages}) are fed, byte for byte as the exporter writes them.
     */
    public void pipe(String topic, byte[] key, byte[] value, Instant at) {
        harness.advanceTo(at);
        harness.input(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(key, value, at);
    }

    /** Moves the driver's wall clock on by {@code duration}, running the punctuations that fall due. */
    public void advanceWallClock(Duration duration) {
        harness.advance(duration);
    }

    /** The interface rates output topic. */
    public TestOutputTopic<InterfaceKey, InterfaceRate> interfaceRates() {
        return harness.output(topics().interfaceRates());
    }

    /** The alerts output topic. */
    public TestOutputTopic<String, Alert> alerts() {
        return harness.output(topics().alerts());
    }

    /** The dead-letter topic. */
    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return harness.output(topics().deadLetter());
    }

    /** The value of netpulse metric {@code <event>-total} for {@code entity} (a device, or "all"); 0 when never counted. */
    public double count(String event, String entity) {
        return harness.netpulseTotal(event, entity);
    }

    @Override
    public void close() {
        harness.close();
    }
}
