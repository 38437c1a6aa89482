package io.netpulse.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The project's own counters, kept as Kafka Streams sensors so they need nothing beyond Kafka: they show in
 * {@code KafkaStreams.metrics()}, in JMX, in TopologyTestDriver's {@code metrics()}, and the app bridges them
 * to {@code /observe/metrics}.
 *
 * <p>Each event is counted twice: under the entity {@value #ALL} (the total) and under the entity that
 * caused it (a device, a topic). Metrics land in group {@code stream-netpulse-metrics} as
 * {@code <event>-total} and {@code <event>-rate}, tagged {@code netpulse-id=<entity>}.
 * One instance lives in each processor; it is not shared across threads.
 */
public final class TopologyMetrics {

    /** Metric group Kafka Streams gives sensors of scope {@value #SCOPE}. */
    public static final String GROUP = "stream-netpulse-metrics";
    /** Scope of every netpulse sensor. */
    public static final String SCOPE = "netpulse";
    /** The entity under which totals are counted. */
    public static final String ALL = "all";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public TopologyMetrics(StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Counts one {@code event} in total and for {@code entity}. */
    public void count(String event, String entity) {
        sensor(event, ALL).record();
        if (!ALL.equals(entity)) {
            sensor(event, entity).record();
        }
    }

    /**
     * Adds {@code amount} (bytes, say) to {@code event} in total and for {@code entity}: {@code <event>-total} is
     * then the sum of the amounts, not a count of calls. An event is either counted or summed, never both.
     */
    public void add(String event, String entity, long amount) {
        sumSensor(event, ALL).record(amount);
        if (!ALL.equals(entity)) {
            sumSensor(event, entity).record(amount);
        }
    }

    private Sensor sumSensor(String event, String entity) {
        return sensors.computeIfAbsent(event + '\u0001' + entity, k -> {
            String thread = Thread.currentThread().getName();
            // Named per thread, like Kafka Streams' own sensors: the thread-id tag makes each thread's metric apart.
            Sensor sensor = metrics.addSensor(SCOPE + "." + thread + "." + entity + "." + event + "-sum",
                    Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName(event + "-total", GROUP, "The total of " + event,
                    Map.of("thread-id", thread, SCOPE + "-id", entity)), new CumulativeSum());
            return sensor;
        });
    }

    private Sensor sensor(String event, String entity) {
        return sensors.computeIfAbsent(event + '\u0000' + entity, k ->
                metrics.addRateTotalSensor(SCOPE, entity, event, Sensor.RecordingLevel.INFO));
    }
}
