package io.netpulse.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netpulse.topology.TopologyMetrics;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Shows Kafka Streams' metrics at {@code /observe/metrics} ({@link KafkaMeters}, named as Micrometer's Kafka binder
 * names them), in the Micrometer registry behind Helidon's metrics: recorded at level INFO, the {@link #ESSENTIAL}
 * ones by default (with {@code metrics.kafka=all} every client's, thread's, task's, processor's and store's metric,
 * RocksDB's property-based ones among them, and every consumer's and producer's), and netpulse's own counters
 * ({@link TopologyMetrics}), which it renames from {@code kafka_stream_netpulse_<event>_total{netpulse_id}} to
 * {@code netpulse_<event>_total{source}}. Metrics Kafka creates later (a new task, partition or source) are picked
 * up once a minute. docs/metrics.md lists every family and label.
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

    private final KafkaMeters binder;

    private StreamsMeters(KafkaMeters binder) {
        this.binder = binder;
    }

    /**
     * The Kafka metrics shown by default, as Prometheus names without a {@code _total} suffix: what an operator
     * watches first (threads alive and failed, the client's state, records processed, commit latency, dropped
     * records, RocksDB's shared block cache and each store's memtables, restoration, lag per partition). Everything
     * Kafka records at INFO is about 15,000 series and 3 MB per scrape on one instance; {@code metrics.kafka=all}
     * shows it.
     */
    static final Set<String> ESSENTIAL = Set.of(
            "kafka_stream_alive_stream_threads", "kafka_stream_failed_stream_threads", "kafka_stream_client_state",
            "kafka_stream_recording_level",
            "kafka_stream_thread_process", "kafka_stream_thread_process_rate",
            "kafka_stream_thread_commit_latency_avg", "kafka_stream_thread_commit_latency_max",
            "kafka_stream_task_dropped_records", "kafka_stream_state_block_cache_usage",
            "kafka_stream_state_size_all_mem_tables", "kafka_consumer_fetch_manager_records_lag",
            "kafka_consumer_fetch_manager_records_lag_max");
    /** Kafka metrics shown by default by prefix: the state updater's (restoration and standbys, per thread). */
    static final String ESSENTIAL_PREFIX = "kafka_stream_state_updater_";

    /**
     * Binds the metrics of {@code streams} to the registry behind {@code helidon}'s metrics until {@link #close()}.
     *
     * @param allKafka every Kafka metric, not only {@link #ESSENTIAL}
     */
    static StreamsMeters bind(KafkaStreams streams, io.helidon.metrics.api.MeterRegistry helidon, boolean allKafka) {
        PrometheusMeterRegistry registry = prometheus(helidon.unwrap(MeterRegistry.class));
        registry.config().meterFilter(NETPULSE_COUNTERS);
        KafkaMeters binder = KafkaMeters.bind(streams::metrics, registry,
                allKafka ? name -> true : name -> name.startsWith(BOUND_PREFIX) || essential(name));
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

    /** Whether the Micrometer name {@code name} of a Kafka metric is one of those shown by default. */
    static boolean essential(String name) {
        String prometheus = name.replace('.', '_');
        if (prometheus.endsWith("_total")) {
            prometheus = prometheus.substring(0, prometheus.length() - "_total".length());
        }
        return ESSENTIAL.contains(prometheus) || prometheus.startsWith(ESSENTIAL_PREFIX);
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
