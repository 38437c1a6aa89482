package io.netpulse.topology.rates;

import static io.netpulse.testkit.TestTime.T0;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.TopologyTestDrivers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole netpulse topology on a TopologyTestDriver, with helpers to pipe counter samples and inventory
 * records at their own times. The driver's wall clock follows the piped poll times, so the ingest time bounds
 * accept them; nothing reads the real clock. Shared with the query API's tests through the test jar.
 */
public final class RatesTestDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final AvroSerdes serdes;
    private final Topics topics;
    private final TestInputTopic<byte[], byte[]> counters;
    private final TestInputTopic<String, byte[]> inventory;
    private Instant wallClock;

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
        this.serdes = new AvroSerdes(new InMemorySchemaRegistry());
        this.topics = Topics.of(settings.topics(), serdes);
        this.wallClock = wallClock;
        this.driver = TopologyTestDrivers.start(settings, serdes, "netpulse-test", stateDir, wallClock);
        this.counters = driver.createInputTopic(settings.topics().counters(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.inventory = driver.createInputTopic(settings.topics().inventory(), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The driver itself, for its stores. */
    public TopologyTestDriver driver() {
        return driver;
    }

    /** The topics, with their serdes. */
    public Topics topics() {
        return topics;
    }

    /** The serdes (and registry) the topology was built with. */
    public AvroSerdes serdes() {
        return serdes;
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
        pipeCounters(serdes.framed(CounterSample.class).serializer().serialize(topics.names().counters(), sample),
                sample.getPollTime());
    }

    /** Pipes raw bytes to {@code netpulse.counters} at {@code at}. */
    public void pipeCounters(byte[] value, Instant at) {
        advanceTo(at);
        counters.pipeInput(null, value, at);
    }

    /** Pipes an inventory record (JSON or framed Avro bytes, null for a tombstone) at {@code at}. */
    public void pipeInventory(String key, byte[] value, Instant at) {
        advanceTo(at);
        inventory.pipeInput(key, value, at);
    }

    /**
     * Pipes raw bytes to any input topic at {@code at}, the driver's wall clock following: how the exporters'
     * native topics ({@code telegraf}, {@code flow-messages}) are fed, byte for byte as the exporter writes them.
     */
    public void pipe(String topic, byte[] key, byte[] value, Instant at) {
        advanceTo(at);
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(key, value, at);
    }

    /** Moves the driver's wall clock on by {@code duration}, running the punctuations that fall due. */
    public void advanceWallClock(Duration duration) {
        advanceTo(wallClock.plus(duration));
    }

    private void advanceTo(Instant at) {
        if (at.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
    }

    /** The interface rates output topic. */
    public TestOutputTopic<InterfaceKey, InterfaceRate> interfaceRates() {
        return driver.createOutputTopic(topics.interfaceRates().name(), topics.interfaceRates().keySerde().deserializer(),
                topics.interfaceRates().valueSerde().deserializer());
    }

    /** The alerts output topic. */
    public TestOutputTopic<String, Alert> alerts() {
        return driver.createOutputTopic(topics.alerts().name(), topics.alerts().keySerde().deserializer(),
                topics.alerts().valueSerde().deserializer());
    }

    /** The dead-letter topic. */
    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(topics.deadLetter().name(), topics.deadLetter().keySerde().deserializer(),
                topics.deadLetter().valueSerde().deserializer());
    }

    /** The value of netpulse metric {@code <event>-total} for {@code entity} (a device, or "all"); 0 when never counted. */
    public double count(String event, String entity) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : driver.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.group().equals(TopologyMetrics.GROUP) && name.name().equals(event + "-total")
                    && entity.equals(name.tags().get(TopologyMetrics.SCOPE + "-id"))) {
                total += (Double) metric.getValue().metricValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        driver.close();
    }
}
