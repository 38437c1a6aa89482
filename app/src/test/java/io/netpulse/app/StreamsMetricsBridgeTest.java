package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsMetricsBridgeTest {

    private final Metrics kafka = new Metrics();
    private final MeterRegistry registry = io.helidon.metrics.api.Metrics.createMeterRegistry();
    private final StreamsMetricsBridge bridge = new StreamsMetricsBridge(kafka::metrics, registry);

    @AfterEach
    void close() {
        bridge.close();
        kafka.close();
    }

    @Test
    void netpulseCountersAppearAsTheyAreCreatedAndGoWhenKafkaDropsThem() {
        bridge.sync();
        assertThat(netpulseMeters()).isEmpty();

        Sensor accepted = kafka.sensor("accepted");
        MetricName total = kafka.metricName("ingest-accepted-total", "stream-netpulse-metrics", "",
                Map.of("thread-id", "netpulse-1-StreamThread-1", "netpulse-id", "ams-edge-1"));
        accepted.add(total, new CumulativeSum());
        accepted.add(kafka.metricName("ingest-accepted-rate", "stream-netpulse-metrics", "",
                Map.of("thread-id", "netpulse-1-StreamThread-1", "netpulse-id", "ams-edge-1")), new Value());
        accepted.record();
        accepted.record();
        accepted.record();
        bridge.sync();

        assertThat(netpulseMeters()).singleElement().satisfies(meter -> {
            assertThat(meter.id().name()).isEqualTo("netpulse.ingest-accepted");
            assertThat(meter.id().tags()).contains(Tag.create("entity", "ams-edge-1"),
                    Tag.create("thread_id", "netpulse-1-StreamThread-1"));
            assertThat(((FunctionalCounter) meter).count()).isEqualTo(3);
        });

        kafka.removeSensor("accepted");
        bridge.sync();

        assertThat(netpulseMeters()).isEmpty();
    }

    @Test
    void keyKafkaStreamsMetricsAreGaugesAndOthersAreLeftOut() {
        Sensor threads = kafka.sensor("threads");
        threads.add(kafka.metricName("alive-stream-threads", "stream-metrics", "", Map.of("client-id", "netpulse-1")),
                new Value());
        threads.record(2);
        Sensor other = kafka.sensor("other");
        other.add(kafka.metricName("poll-ratio", "stream-thread-metrics", "", Map.of("thread-id", "t")), new Value());
        Sensor lag = kafka.sensor("lag");
        lag.add(kafka.metricName("records-lag-max", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "c", "topic", "netpulse.counters", "partition", "0")), new Value());

        bridge.sync();

        List<Meter> bridged = registry.meters(meter -> meter.id().name().startsWith("kafka.")).stream().toList();
        assertThat(bridged).singleElement().satisfies(meter -> {
            assertThat(meter.id().name()).isEqualTo("kafka.streams.alive.threads");
            assertThat(((Gauge<?>) meter).value().doubleValue()).isEqualTo(2.0);
        });
    }

    private List<Meter> netpulseMeters() {
        return registry.meters(meter -> meter.id().name().startsWith("netpulse.")).stream().toList();
    }
}
