package io.netpulse.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's metrics as Micrometer meters, named as Micrometer's Kafka binder names them ({@code kafka.<group>.<name>}
 * without {@code -metrics}, dashes as dots; each tag with dots for dashes, and {@code kafka.version}), a cumulative
 * sum or count a counter (or, if it does not say, a name ending in total) and any other a gauge, each client's start
 * time but no other {@code app-info}, and of the metrics sharing a name only those with the most tags (Prometheus
 * wants one set of labels per family), as that binder keeps them.
 *
 * <p>That binder compares every metric with every meter of its name, building their tags anew each time, whenever
 * Kafka's set of metrics changes, which under load is every minute (tasks, window segments and partitions come and
 * go): on a loaded bench instance 0.7-0.8 s of CPU each minute, growing with the square of the stores. A refresh
 * here looks at the metrics that appeared or vanished since the last one, each once (one that cannot be read yet,
 * again at the next).
 */
final class KafkaMeters implements AutoCloseable {

    /** How often new and vanished metrics are looked for, as Micrometer's binder does. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMeters.class);
    private static final String APP_INFO = "app-info";

    private final Supplier<Map<MetricName, ? extends Metric>> source;
    private final MeterRegistry registry;
    private final Predicate<String> shown;
    private final AtomicReference<Map<MetricName, ? extends Metric>> metrics = new AtomicReference<>(Map.of());
    /** Metrics decided on: bound, or not shown (another name, a narrower variant of a family, refused). */
    private final Set<MetricName> decided = new HashSet<>();
    /** The bound meters by Micrometer name, and the number of tags of each family's widest variants. */
    private final Map<String, Map<MetricName, Meter>> families = new HashMap<>();
    private final Map<String, Integer> widest = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("netpulse-kafka-meters").daemon(true).factory());
    private String kafkaVersion = "unknown";
    private boolean closed;

    private KafkaMeters(Supplier<Map<MetricName, ? extends Metric>> source, MeterRegistry registry,
                        Predicate<String> shown) {
        this.source = source;
        this.registry = registry;
        this.shown = shown;
    }

    /**
     * Binds the metrics {@code source} returns, now and every {@link #REFRESH}, to {@code registry}: those whose
     * Micrometer name {@code shown} accepts.
     */
    static KafkaMeters bind(Supplier<Map<MetricName, ? extends Metric>> source, MeterRegistry registry,
                            Predicate<String> shown) {
        KafkaMeters meters = new KafkaMeters(source, registry, shown);
        meters.refresh();
        meters.scheduler.scheduleAtFixedRate(meters::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        return meters;
    }

    /** Micrometer's name of a Kafka metric. */
    static String meterName(MetricName metric) {
        return ("kafka." + metric.group() + "." + metric.name()).replace("-metrics", "").replace('-', '.');
    }

    /** Binds the metrics that appeared since the last refresh and removes the meters of those that vanished. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        Map<MetricName, ? extends Metric> current;
        try {
            current = source.get();
        } catch (RuntimeException e) {
            LOG.warn("could not read Kafka's metrics; trying again in {}", REFRESH, e);
            return;
        }
        metrics.set(current);
        decided.removeIf(name -> !current.containsKey(name));
        Set<String> emptied = new HashSet<>();
        families.forEach((family, bound) -> {
            bound.entrySet().removeIf(entry -> {
                if (current.containsKey(entry.getKey())) {
                    return false;
                }
                registry.remove(entry.getValue());
                return true;
            });
            if (bound.isEmpty()) {
                emptied.add(family);
            }
        });
        if (!emptied.isEmpty()) {
            // A family whose bound variants all vanished takes its narrower ones again, as if they were new.
            families.keySet().removeAll(emptied);
            widest.keySet().removeAll(emptied);
            decided.removeIf(name -> emptied.contains(meterName(name)));
        }
        List<MetricName> fresh = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : current.entrySet()) {
            MetricName name = entry.getKey();
            if (APP_INFO.equals(name.group()) && "version".equals(name.name())) {
                kafkaVersion = String.valueOf(entry.getValue().metricValue());
            }
            if (!decided.contains(name)) {
                fresh.add(name);
            }
        }
        // The metrics with the most tags first, so a name's narrower variants find their family taken.
        fresh.sort(Comparator.comparingInt((MetricName name) -> name.tags().size()).reversed());
        for (MetricName name : fresh) {
            try {
                if (decide(name, current.get(name))) {
                    decided.add(name);
                }
            } catch (RuntimeException e) {
                // This metric only (a store closing under it, say): the others go on, and it is tried again.
                LOG.debug("Kafka metric {} not bound this time: {}", name, e.toString());
            }
        }
    }

    /** Binds {@code name} if it is shown; whether that is settled (false: look at it again next time). */
    private boolean decide(MetricName name, Metric metric) {
        String meterName = meterName(name);
        boolean metadata = APP_INFO.equals(name.group()) && !"start-time-ms".equals(name.name())
                || "kafka-metrics-count".equals(name.group());
        if (metadata || !shown.test(meterName)) {
            return true;
        }
        if (!(metric.metricValue() instanceof Number)) {
            return false;
        }
        int tags = name.tags().size();
        int family = widest.getOrDefault(meterName, -1);
        if (tags < family) {
            return true;
        }
        Map<MetricName, Meter> bound = families.computeIfAbsent(meterName, any -> new HashMap<>());
        if (tags > family) {
            widest.put(meterName, tags);
            // A wider variant appeared after narrower ones were bound: they leave the family.
            bound.entrySet().removeIf(entry -> {
                registry.remove(entry.getValue());
                decided.add(entry.getKey());
                return true;
            });
        }
        List<Tag> meterTags = new ArrayList<>(tags + 1);
        name.tags().forEach((key, value) -> meterTags.add(Tag.of(key.replace('-', '.'), value)));
        meterTags.add(Tag.of("kafka.version", kafkaVersion));
        ToDoubleFunction<AtomicReference<Map<MetricName, ? extends Metric>>> read =
                current -> value(current.get().get(name));
        try {
            bound.put(name, isCounter(metric, meterName)
                    ? FunctionCounter.builder(meterName, metrics, read).tags(meterTags)
                            .description(name.description()).register(registry)
                    : Gauge.builder(meterName, metrics, read).tags(meterTags)
                            .description(name.description()).register(registry));
        } catch (IllegalArgumentException e) {
            // Another variant of the family with as many tags but other keys: Prometheus takes one set of labels.
            LOG.debug("Kafka metric {} not shown: {}", name, e.getMessage());
            if (bound.isEmpty()) {
                families.remove(meterName);
            }
        }
        return true;
    }

    /**
     * A cumulative sum or count of Kafka's is a counter; a metric that does not say what it measures (one of
     * Kafka's gauges, or not Kafka's own) is one when its name ends in total.
     */
    private static boolean isCounter(Metric metric, String meterName) {
        if (metric instanceof KafkaMetric kafkaMetric) {
            try {
                return kafkaMetric.measurable() instanceof CumulativeSum;
            } catch (IllegalStateException notMeasurable) {
                // One of Kafka's gauges: judged by its name below.
            }
        }
        return meterName.endsWith("total");
    }

    private static double value(Metric metric) {
        return metric != null && metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    /** Removes every meter it added and stops looking for new ones. */
    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        families.values().forEach(bound -> bound.values().forEach(registry::remove));
        families.clear();
    }
}
