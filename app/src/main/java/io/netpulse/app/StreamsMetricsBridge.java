package io.netpulse.app;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.netpulse.topology.TopologyMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows Kafka Streams metrics at {@code /observe/metrics}: every netpulse counter (group
 * {@value TopologyMetrics#GROUP}, as {@code netpulse_<event>_total} labelled {@code entity} and {@code thread_id})
 * and a few Kafka Streams metrics an operator watches first (alive and failed threads, records processed,
 * commit latency, dropped records, consumer lag). Kafka creates metrics lazily (per thread, per task, per device
 * on first sight), so the bridge re-reads {@code KafkaStreams.metrics()} every {@link #SYNC_INTERVAL}, adding new
 * meters and removing those Kafka dropped.
 */
public final class StreamsMetricsBridge implements AutoCloseable {

    /** How often new Kafka metrics are picked up. */
    public static final Duration SYNC_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(StreamsMetricsBridge.class);
    private static final String COUNTER_SUFFIX = "-total";

    /** A Kafka metric shown under another name; counters are read as counters, the rest as gauges. */
    private record Bridged(String group, String name, String meterName) {
    }

    private static final List<Bridged> KEY_METRICS = List.of(
            new Bridged("stream-metrics", "alive-stream-threads", "kafka.streams.alive.threads"),
            new Bridged("stream-metrics", "failed-stream-threads", "kafka.streams.failed.threads"),
            new Bridged("stream-thread-metrics", "process-total", "kafka.streams.thread.processed"),
            new Bridged("stream-thread-metrics", "process-rate", "kafka.streams.thread.process.rate"),
            new Bridged("stream-thread-metrics", "commit-latency-avg", "kafka.streams.thread.commit.latency.avg.ms"),
            new Bridged("stream-task-metrics", "dropped-records-total", "kafka.streams.task.dropped.records"),
            new Bridged("consumer-fetch-manager-metrics", "records-lag-max", "kafka.consumer.records.lag.max"));

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final MeterRegistry registry;
    private final Map<MetricName, Meter> meters = new HashMap<>();
    private final ScheduledExecutorService scheduler;

    /**
     * @param metrics  the metrics to bridge, usually {@code streams::metrics}
     * @param registry the registry {@code /observe/metrics} shows
     */
    public StreamsMetricsBridge(Supplier<Map<MetricName, ? extends Metric>> metrics, MeterRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("netpulse-metrics-bridge").daemon(true).factory());
    }

    /** Syncs now and then every {@link #SYNC_INTERVAL}. */
    public StreamsMetricsBridge start() {
        scheduler.scheduleWithFixedDelay(this::syncQuietly, 0, SYNC_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Adds a meter for every new bridged metric and removes those Kafka no longer has. */
    public synchronized void sync() {
        Map<MetricName, ? extends Metric> current = metrics.get();
        for (Map.Entry<MetricName, ? extends Metric> entry : current.entrySet()) {
            MetricName name = entry.getKey();
            if (!meters.containsKey(name)) {
                meterName(name).ifPresent(meterName -> meters.put(name, register(meterName, name, entry.getValue())));
            }
        }
        Set<MetricName> gone = new java.util.HashSet<>(meters.keySet());
        gone.removeAll(current.keySet());
        for (MetricName name : gone) {
            registry.remove(meters.remove(name));
        }
    }

    /** Stops syncing and removes every meter it added. */
    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        meters.values().forEach(registry::remove);
        meters.clear();
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Could not bridge Kafka Streams metrics", e);
        }
    }

    private static java.util.Optional<String> meterName(MetricName name) {
        if (TopologyMetrics.GROUP.equals(name.group()) && name.name().endsWith(COUNTER_SUFFIX)) {
            String event = name.name().substring(0, name.name().length() - COUNTER_SUFFIX.length());
            return java.util.Optional.of("netpulse." + event);
        }
        // Per-partition variants (tagged topic and partition) are left out: one name, one set of labels.
        return KEY_METRICS.stream()
                .filter(b -> b.group().equals(name.group()) && b.name().equals(name.name())
                        && !name.tags().containsKey("topic"))
                .map(Bridged::meterName)
                .findFirst();
    }

    private Meter register(String meterName, MetricName name, Metric metric) {
        List<Tag> tags = new ArrayList<>();
        name.tags().forEach((key, value) -> tags.add(Tag.create(tagName(key), value)));
        if (name.name().endsWith(COUNTER_SUFFIX)) {
            return registry.getOrCreate(FunctionalCounter.builder(meterName, metric, StreamsMetricsBridge::count)
                    .description(name.description())
                    .tags(tags));
        }
        return registry.getOrCreate(Gauge.builder(meterName, metric, StreamsMetricsBridge::value)
                .description(name.description())
                .tags(tags));
    }

    /** Prometheus label names cannot hold dashes; {@code netpulse-id} reads better as {@code entity}. */
    private static String tagName(String kafkaTag) {
        return (TopologyMetrics.SCOPE + "-id").equals(kafkaTag) ? "entity" : kafkaTag.replace('-', '_');
    }

    private static long count(Metric metric) {
        return (long) value(metric);
    }

    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
