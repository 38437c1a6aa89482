package io.netpulse.topology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The project's own counters, kept as Kafka Streams sensors so they need nothing beyond Kafka: they show in
 * {@code KafkaStreams.metrics()}, in JMX, in TopologyTestDriver's {@code metrics()}, and the app binds them to
 * {@code /observe/metrics}.
 *
 * <p>Each event (the reason: {@code counter-wrap}, {@code ip-traffic-late}...) is counted twice: under the source
 * {@value #ALL} (the total, always exact) and under the source that caused it (a device, an exporter, a topic).
 * Metrics land in group {@value #GROUP} as {@code <event>-total}, tagged {@code thread-id} and
 * {@code netpulse-id=<source>}. Sources are bounded so the metrics stay bounded whatever the input: per event, at
 * most {@code max} distinct sources (the Streams property {@value #MAX_SOURCES_CONFIG}, default
 * {@value #DEFAULT_MAX_SOURCES}) get their own series across all the client's threads; any further source is
 * counted under {@value #OTHER}. Sensors are resolved once per event and source, so a record costs two hash
 * lookups and one {@link Sensor#record} (the source's sensor has the total's as parent). One instance lives in each
 * processor; it is not shared across threads.
 */
public final class TopologyMetrics {

    /** Metric group of every netpulse counter. */
    public static final String GROUP = "stream-netpulse-metrics";
    /** Scope of every netpulse sensor; the source tag is {@code <scope>-id}. */
    public static final String SCOPE = "netpulse";
    /** The source under which totals are counted. */
    public static final String ALL = "all";
    /** The source under which sources beyond the bound are counted. */
    public static final String OTHER = "other";
    /** Streams property: distinct sources per event with their own series (an int of at least 1). */
    public static final String MAX_SOURCES_CONFIG = "netpulse.metrics.max-sources";
    /** Bound of distinct sources per event when {@value #MAX_SOURCES_CONFIG} is not set. */
    public static final int DEFAULT_MAX_SOURCES = 100;

    private static final String SOURCE_TAG = SCOPE + "-id";
    private static final String THREAD_TAG = "thread-id";

    /**
     * Per client registry, per event: the sources with a series of their own, on any thread. It answers the bound
     * in one lookup where scanning the registry (tens of thousands of Kafka metrics) cost a tenth of a stream
     * thread's time: every processor of every task resolves each source once. Read and written under the
     * registry's lock; the series are never removed (the sensors are the registry's until the client closes), so
     * it stays what a scan of the registry would find. Weak keys: a closed client's entry goes with its registry.
     */
    private static final Map<StreamsMetrics, Map<String, Set<String>>> OWN_SERIES = new WeakHashMap<>();

    private final StreamsMetrics metrics;
    private final int maxSources;
    private final Map<String, Event> counted = new HashMap<>();
    private final Map<String, Event> summed = new HashMap<>();

    /** The sensors of one event in this processor: its total and one per source seen. */
    private final class Event {
        private final String name;
        private final boolean sum;
        private final String thread = Thread.currentThread().getName();
        private final Sensor total;
        private final Map<String, Sensor> bySource = new HashMap<>();

        Event(String name, boolean sum) {
            this.name = name;
            this.sum = sum;
            this.total = sensor(ALL);
        }

        Sensor source(String source) {
            if (ALL.equals(source)) {
                return total;
            }
            Sensor sensor = bySource.get(source);
            if (sensor == null) {
                sensor = resolve(source);
                bySource.put(source, sensor);
            }
            return sensor;
        }

        /** The source's own sensor if it is one of the first {@code maxSources} of this event, else OTHER's. */
        private Sensor resolve(String source) {
            // The registry is the one place every thread of the client sees: the check and the creation happen
            // under its lock, so two threads cannot both take the last free place.
            synchronized (metrics) {
                return sensor(admitted(source) ? source : OTHER);
            }
        }

        private boolean admitted(String source) {
            if (OTHER.equals(source)) {
                return true;
            }
            Set<String> known = ownSeries(metrics).computeIfAbsent(name, event -> new HashSet<>());
            return known.contains(source) || known.size() < maxSources;
        }

        private Sensor sensor(String source) {
            Sensor[] parents = ALL.equals(source) ? new Sensor[0] : new Sensor[] {total};
            // Named per thread, like Kafka Streams' own sensors: the thread-id tag keeps each thread's metric apart.
            Sensor sensor = metrics.addSensor(SCOPE + "." + thread + "." + source + "." + name,
                    Sensor.RecordingLevel.INFO, parents);
            MeasurableStat stat = sum ? new CumulativeSum() : new CumulativeCount();
            sensor.add(new MetricName(name + "-total", GROUP, (sum ? "The total of " : "The number of ") + name,
                    Map.of(THREAD_TAG, thread, SOURCE_TAG, source)), stat);
            if (!ALL.equals(source) && !OTHER.equals(source)) {
                ownSeries(metrics).computeIfAbsent(name, event -> new HashSet<>()).add(source);
            }
            return sensor;
        }
    }

    /** The counters of a processor of {@code context}, bounded by its {@value #MAX_SOURCES_CONFIG}. */
    public TopologyMetrics(ProcessingContext context) {
        this(context.metrics(), maxSources(context.appConfigs().get(MAX_SOURCES_CONFIG)));
    }

    TopologyMetrics(StreamsMetrics metrics, int maxSources) {
        if (maxSources < 1) {
            throw new IllegalArgumentException(MAX_SOURCES_CONFIG + " must be at least 1, not " + maxSources);
        }
        this.metrics = metrics;
        this.maxSources = maxSources;
    }

    /** Counts one {@code event} in total and for {@code source}. */
    public void count(String event, String source) {
        Event sensors = counted.get(event);
        if (sensors == null) {
            sensors = new Event(event, false);
            counted.put(event, sensors);
        }
        sensors.source(source).record();
    }

    /**
     * Adds {@code amount} (bytes, say) to {@code event} in total and for {@code source}: {@code <event>-total} is
     * then the sum of the amounts, not a count of calls. An event is either counted or summed, never both.
     */
    public void add(String event, String source, long amount) {
        Event sensors = summed.get(event);
        if (sensors == null) {
            sensors = new Event(event, true);
            summed.put(event, sensors);
        }
        sensors.source(source).record(amount);
    }

    /** The sources with their own series per event in {@code registry}; the caller holds the registry's lock. */
    private static Map<String, Set<String>> ownSeries(StreamsMetrics registry) {
        synchronized (OWN_SERIES) {
            return OWN_SERIES.computeIfAbsent(registry, client -> new HashMap<>());
        }
    }

    private static int maxSources(Object configured) {
        return switch (configured) {
            case null -> DEFAULT_MAX_SOURCES;
            case Number number -> number.intValue();
            case String text -> Integer.parseInt(text.trim());
            default -> throw new IllegalArgumentException(MAX_SOURCES_CONFIG + " must be an int, not " + configured);
        };
    }
}
