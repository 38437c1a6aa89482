package io.netpulse.topology;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The one topology harness: a TopologyTestDriver over {@code NetpulseTopology.build(settings, serdes)} (or over a
 * part of it), started the one way every topology test needs. Closed windows are emitted on every record (the
 * driver's wall clock stands still, and Kafka Streams otherwise looks for closed windows once per wall-clock
 * second); each harness has a state directory of its own, so drivers of one JVM, or of builds running side by
 * side, never share RocksDB files; the wall clock only moves when a test moves it. The feature harnesses
 * ({@code RatesTestDriver}, {@code IpTrafficHarness}, {@code SourceStatsHarness}, {@code TopTalkersHarness}) add
 * their records and stores on top of it; the query API's tests reuse all of them through the test jar.
 */
public final class TopologyHarness implements AutoCloseable {

    /** The application id of every harness: the prefix of its internal topics. */
    public static final String APPLICATION_ID = "netpulse-test";

    private final TopologyTestDriver driver;
    private final AvroSerdes serdes;
    private final Topics topics;
    private final Path stateDir;
    private final boolean ownsStateDir;
    private Instant wallClock;

    private TopologyHarness(Topology topology, AvroSerdes serdes, Topics topics, Path stateDir, boolean ownsStateDir,
                            Instant wallClock, Properties overrides) {
        this.serdes = serdes;
        this.topics = topics;
        this.stateDir = stateDir;
        this.ownsStateDir = ownsStateDir;
        this.wallClock = wallClock;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        props.putAll(overrides);
        this.driver = new TopologyTestDriver(topology, props, wallClock);
    }

    /** The whole topology with {@code settings}, its wall clock at {@code wallClock}, in a state directory of its own. */
    public static TopologyHarness start(TopologySettings settings, Instant wallClock) {
        return start(settings, wallClock, tempStateDir(), true, new Properties());
    }

    /**
     * As {@link #start(TopologySettings, Instant)}, with Kafka Streams properties of the test's own (no record cache,
     * so what a store holds is what it would hold once the cache let it go).
     */
    public static TopologyHarness start(TopologySettings settings, Instant wallClock, Properties overrides) {
        return start(settings, wallClock, tempStateDir(), true, overrides);
    }

    /** As {@link #start(TopologySettings, Instant)}, in {@code stateDir}, which the caller removes. */
    public static TopologyHarness start(TopologySettings settings, Instant wallClock, Path stateDir) {
        return start(settings, wallClock, stateDir, false, new Properties());
    }

    /**
     * A part of the topology, built by the test with {@code serdes} (for one input's path on its own), its wall
     * clock at {@code wallClock}, in a state directory of its own.
     */
    public static TopologyHarness start(Topology part, AvroSerdes serdes, TopologySettings settings,
                                        Instant wallClock) {
        return new TopologyHarness(part, serdes, Topics.of(settings.topics(), serdes), tempStateDir(), true,
                wallClock, new Properties());
    }

    private static TopologyHarness start(TopologySettings settings, Instant wallClock, Path stateDir,
                                         boolean ownsStateDir, Properties overrides) {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        return new TopologyHarness(NetpulseTopology.build(settings, serdes), serdes,
                Topics.of(settings.topics(), serdes), stateDir, ownsStateDir, wallClock, overrides);
    }

    /** The driver, for what this class does not cover. */
    public TopologyTestDriver driver() {
        return driver;
    }

    /** The serdes (and in-memory registry) the topology was built with. */
    public AvroSerdes serdes() {
        return serdes;
    }

    /** The topics, with their serdes. */
    public Topics topics() {
        return topics;
    }

    /** An input topic of the driver. */
    public <K, V> TestInputTopic<K, V> input(String topic, Serializer<K> keys, Serializer<V> values) {
        return driver.createInputTopic(topic, keys, values);
    }

    /** An output topic of the driver, read with the topic's own serdes. */
    public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return output(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** An output topic of the driver. */
    public <K, V> TestOutputTopic<K, V> output(String topic, Deserializer<K> keys, Deserializer<V> values) {
        return driver.createOutputTopic(topic, keys, values);
    }

    /** Moves the wall clock to {@code at} when that is later, running the punctuations that fall due. */
    public void advanceTo(Instant at) {
        if (at.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
    }

    /** Moves the wall clock on by {@code duration}, running the punctuations that fall due. */
    public void advance(Duration duration) {
        advanceTo(wallClock.plus(duration));
    }

    /** The value that timestamped window store {@code store} holds for {@code key} in the window starting at {@code start}, or null. */
    public <K, V> V window(String store, K key, Instant start) {
        ValueAndTimestamp<V> stored = driver.<K, V>getTimestampedWindowStore(store).fetch(key, start.toEpochMilli());
        return stored == null ? null : stored.value();
    }

    /** The value of netpulse counter {@code <event>-total} ({@link TopologyMetrics}) for {@code entity}; 0 when never counted. */
    public double netpulseTotal(String event, String entity) {
        return total(TopologyMetrics.GROUP, event + "-total", TopologyMetrics.SCOPE + "-id", entity);
    }

    /**
     * The sum of metric {@code name} of {@code group} over the sensors whose tag {@code tag} is {@code value}, or
     * over all of them when {@code tag} is null; 0 when there is none.
     */
    public double total(String group, String name, String tag, String value) {
        double total = 0;
        for (var entry : driver.metrics().entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.group().equals(group) && metric.name().equals(name)
                    && (tag == null || value.equals(metric.tags().get(tag)))) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        driver.close();
        if (ownsStateDir) {
            delete(stateDir);
        }
    }

    /** A fresh temporary state directory; remove it with {@link #delete(Path)}. */
    public static Path tempStateDir() {
        try {
            return Files.createTempDirectory("netpulse-topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a state directory and everything in it. */
    public static void delete(Path stateDir) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
