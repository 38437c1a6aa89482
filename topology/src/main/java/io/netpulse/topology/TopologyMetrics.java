package io.netpulse.topology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Sensor;
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
 * lookups and two adds (the source's tally and the total's). One instance lives in each processor; it is not shared
 * across threads.
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
     * Per client registry: per event, the sources with a series of their own, on any thread; and the tally behind
     * each sensor, by sensor name. The first answers the bound in one lookup where scanning the registry (tens of
     * thousands of Kafka metrics) cost a tenth of a stream thread's time; the second lets every processor of a thread
     * add to the sensor another processor of it created. Read and written under the registry's lock; the series are
     * never removed (the sensors are the registry's until the client closes), so it stays what a scan of the
     * registry would find. Weak keys: a closed client's entry goes with its registry.
     */
    private static final Map<StreamsMetrics, Client> CLIENTS = new WeakHashMap<>();

    private record Client(Map<String, Set<String>> ownSeries, Map<String, Tally> tallies) {
    }

    private final StreamsMetrics metrics;
    private final int maxSources;
    private final Map<String, Event> counted = new HashMap<>();
    private final Map<String, Event> summed = new HashMap<>();

    /**
     * A sensor's running count or sum, added to directly rather than through {@link Sensor#record}: a counter
     * counted on every record (each accepted record, each flow outside the inventory) then costs one uncontended
     * add instead of the sensor's lock, clock and parent. It measures what a {@link CumulativeSum} of the same
     * amounts would, and is one, so whatever reads Kafka's metrics (the app's binder) sees a cumulative counter.
     */
    private static final class Tally extends CumulativeSum {

        private final LongAdder value = new LongAdder();

        @Override
        public double measure(MetricConfig config, long now) {
            return value.sum();
        }

        @Override
        public void record(MetricConfig config, double amount, long timeMs) {
            value.add((long) amount);
        }
    }

    /** A source's tally with the event's total it adds to as well. */
    private record Counter(Tally own, Tally total) {

        void add(long amount) {
            own.value.add(amount);
            if (total != own) {
                total.value.add(amount);
            }
        }
    }

    /** The tallies of one event in this processor: its total and one per source seen. */
    private final class Event {
        private final String name;
        private final boolean sum;
        private final String thread = Thread.currentThread().getName();
        private final Counter total;
        private final Map<String, Counter> bySource = new HashMap<>();

        Event(String name, boolean sum) {
            this.name = name;
            this.sum = sum;
            synchronized (metrics) {
                Tally all = tally(ALL);
                this.total = new Counter(all, all);
            }
        }

        Counter source(String source) {
            if (ALL.equals(source)) {
                return total;
            }
            Counter counter = bySource.get(source);
            if (counter == null) {
                counter = resolve(source);
                bySource.put(source, counter);
            }
            return counter;
        }

        /** The source's own tally if it is one of the first {@code maxSources} of this event, else OTHER's. */
        private Counter resolve(String source) {
            // The registry is the one place every thread of the client sees: the check and the creation happen
            // under its lock, so two threads cannot both take the last free place.
            synchronized (metrics) {
                return new Counter(tally(admitted(source) ? source : OTHER), total.own());
            }
        }

        private boolean admitted(String source) {
            if (OTHER.equals(source)) {
                return true;
            }
            Set<String> known = client(metrics).ownSeries().computeIfAbsent(name, event -> new HashSet<>());
            return known.contains(source) || known.size() < maxSources;
        }

        /** The tally of {@code source}'s sensor on this thread, the sensor created if it is the first. */
        private Tally tally(String source) {
            // Named per thread, like Kafka Streams' own sensors: the thread-id tag keeps each thread's metric apart.
            String sensorName = SCOPE + "." + thread + "." + source + "." + name;
            Client client = client(metrics);
            Tally tally = client.tallies().get(sensorName);
            if (tally == null) {
                tally = new Tally();
                Sensor sensor = metrics.addSensor(sensorName, Sensor.RecordingLevel.INFO);
                sensor.add(new MetricName(name + "-total", GROUP, (sum ? "The total of " : "The number of ") + name,
                        Map.of(THREAD_TAG, thread, SOURCE_TAG, source)), tally);
                client.tallies().put(sensorName, tally);
                if (!ALL.equals(source) && !OTHER.equals(source)) {
                    client.ownSeries().computeIfAbsent(name, event -> new HashSet<>()).add(source);
                }
            }
            return tally;
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
        sensors.source(source).add(1);
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
        sensors.source(source).add(amount);
    }

    /** What netpulse keeps of {@code registry}'s own series; the caller holds the registry's lock. */
    private static Client client(StreamsMetrics registry) {
        synchronized (CLIENTS) {
            return CLIENTS.computeIfAbsent(registry, any -> new Client(new HashMap<>(), new HashMap<>()));
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
