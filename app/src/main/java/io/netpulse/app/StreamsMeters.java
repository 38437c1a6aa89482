package io.netpulse.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netpulse.topology.TopologyMetrics;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Shows every Kafka Streams metric at {@code /observe/metrics} through Micrometer's Kafka Streams binder, bound to
 * the Micrometer registry behind Helidon's metrics: the client's, threads', tasks', processors' and stores' metrics
 * at recording level INFO (RocksDB's property-based ones among them), its consumers' and producers' (lag per
 * partition), and netpulse's own counters ({@link TopologyMetrics}), which it renames from
 * {@code kafka_stream_netpulse_<event>_total{netpulse_id}} to {@code netpulse_<event>_total{source}}. The binder
 * picks up metrics Kafka creates later (a new task, partition or source) once a minute. docs/metrics.md lists every
 * family and label.
 */
final class StreamsMeters implements AutoCloseable {

    /** Micrometer's name prefix for the netpulse group, as the binder derives it from {@link TopologyMetrics#GROUP}. */
    static final String BOUND_PREFIX = "kafka.stream.netpulse.";
    /** The prefix netpulse's counters are shown under instead. */
    static final String PREFIX = "netpulse.";
    /** The label of the source of a netpulse counter. */
    static final String SOURCE_LABEL = "source";

    /** The source tag of {@link TopologyMetrics} (the binder may write it with dots). */
    private static final String SOURCE_TAG = TopologyMetrics.SCOPE + "-id";

    private final KafkaStreamsMetrics binder;

    private StreamsMeters(KafkaStreamsMetrics binder) {
        this.binder = binder;
    }

    /** Binds the metrics of {@code streams} to the registry behind {@code helidon}'s metrics until {@link #close()}. */
    static StreamsMeters bind(KafkaStreams streams, io.helidon.metrics.api.MeterRegistry helidon) {
        PrometheusMeterRegistry registry = prometheus(helidon.unwrap(MeterRegistry.class));
        registry.config().meterFilter(NETPULSE_COUNTERS);
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.of(),
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                        .name("netpulse-streams-meters").daemon(true).factory()));
        binder.bindTo(registry);
        return new StreamsMeters(binder);
    }

    /**
     * The Prometheus registry that {@code /observe/metrics} formats, under Helidon's composite. The binder registers
     * there rather than in the composite: Helidon listens to the composite and takes its own registry lock inside
     * Micrometer's, while Helidon's own meter changes take the two in the other order, so a binder thread adding
     * meters to the composite while a request creates its timer deadlocks both.
     */
    static PrometheusMeterRegistry prometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                if (child instanceof PrometheusMeterRegistry || child instanceof CompositeMeterRegistry) {
                    return prometheus(child);
                }
            }
        }
        throw new IllegalStateException("no Prometheus registry behind Helidon's metrics: " + registry);
    }

    /** Removes every meter it added and stops looking for new ones. */
    @Override
    public void close() {
        binder.close();
    }

    /** Renames netpulse's counters and their source tag; leaves every other meter as the binder names it. */
    private static final MeterFilter NETPULSE_COUNTERS = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            if (!id.getName().startsWith(BOUND_PREFIX)) {
                return id;
            }
            List<Tag> tags = id.getTags().stream()
                    .map(tag -> SOURCE_TAG.equals(tag.getKey().replace('.', '-'))
                            ? Tag.of(SOURCE_LABEL, tag.getValue()) : tag)
                    .toList();
            return id.withName(PREFIX + id.getName().substring(BOUND_PREFIX.length())).replaceTags(tags);
        }
    };
}
