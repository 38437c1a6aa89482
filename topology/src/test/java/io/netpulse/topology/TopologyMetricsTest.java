package io.netpulse.topology;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on the sources of netpulse's counters, on a driver whose two processors count what their records say
 * (key: the source, value: the event; a value {@code sum:<event>:<amount>} adds an amount instead).
 */
class TopologyMetricsTest {

    private final Path stateDir = TopologyHarness.tempStateDir();
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        TopologyHarness.delete(stateDir);
    }

    @Test
    void sourcesBeyondTheBoundAreCountedAsOtherAndTheTotalStaysExact() {
        Inputs in = start(2);

        in.first.pipeInput("10.0.0.1", "flows-late", T0);
        in.first.pipeInput("10.0.0.2", "flows-late", T0.plusSeconds(1));
        in.first.pipeInput("10.0.0.3", "flows-late", T0.plusSeconds(2));
        in.first.pipeInput("10.0.0.1", "flows-late", T0.plusSeconds(3));
        in.first.pipeInput("10.0.0.4", "flows-late", T0.plusSeconds(4));
        in.first.pipeInput("10.0.0.3", "flows-late", T0.plusSeconds(5));

        assertThat(series("flows-late")).isEqualTo(Map.of(
                "all", 6.0, "10.0.0.1", 2.0, "10.0.0.2", 1.0, "other", 3.0));
    }

    @Test
    void theBoundIsPerEventAndSharedByTheProcessorsOfAClient() {
        Inputs in = start(2);

        in.first.pipeInput("ams-edge-1", "counter-wrap", T0);
        in.first.pipeInput("ams-edge-2", "counter-wrap", T0.plusSeconds(1));
        in.second.pipeInput("fra-edge-1", "counter-wrap", T0.plusSeconds(2));
        in.second.pipeInput("ams-edge-2", "counter-wrap", T0.plusSeconds(3));
        in.second.pipeInput("fra-edge-1", "counter-gap", T0.plusSeconds(4));
        in.first.pipeInput("ams-edge-1", "counter-gap", T0.plusSeconds(5));
        in.first.pipeInput("par-edge-1", "counter-gap", T0.plusSeconds(6));

        assertThat(series("counter-wrap")).isEqualTo(Map.of(
                "all", 4.0, "ams-edge-1", 1.0, "ams-edge-2", 2.0, "other", 1.0));
        assertThat(series("counter-gap")).isEqualTo(Map.of(
                "all", 3.0, "fra-edge-1", 1.0, "ams-edge-1", 1.0, "other", 1.0));
    }

    @Test
    void eachClientHasABoundOfItsOwn() {
        start(1).first.pipeInput("ams-edge-1", "counter-gap", T0);
        assertThat(series("counter-gap")).isEqualTo(Map.of("all", 1.0, "ams-edge-1", 1.0));
        driver.close();

        Inputs second = start(1);
        second.first.pipeInput("fra-edge-1", "counter-gap", T0);
        second.second.pipeInput("ams-edge-1", "counter-gap", T0.plusSeconds(1));

        assertThat(series("counter-gap")).isEqualTo(Map.of("all", 2.0, "fra-edge-1", 1.0, "other", 1.0));
    }

    @Test
    void summedEventsAreBoundedTheSameWay() {
        Inputs in = start(1);

        in.first.pipeInput("ams-edge-1", "sum:site-volume-excluded-octets:1500", T0);
        in.first.pipeInput("fra-edge-1", "sum:site-volume-excluded-octets:700", T0.plusSeconds(1));
        in.first.pipeInput("par-edge-1", "sum:site-volume-excluded-octets:64", T0.plusSeconds(2));
        in.first.pipeInput("ams-edge-1", "sum:site-volume-excluded-octets:-500", T0.plusSeconds(3));

        assertThat(series("site-volume-excluded-octets")).isEqualTo(Map.of(
                "all", 1764.0, "ams-edge-1", 1000.0, "other", 764.0));
    }

    @Test
    void withoutTheSettingTheFirstHundredSourcesHaveTheirOwnSeries() {
        Inputs in = start(null);

        IntStream.rangeClosed(1, 103).forEach(n ->
                in.first.pipeInput("device-" + n, "telegraf-row-late", T0.plusSeconds(n)));
        in.first.pipeInput("device-100", "telegraf-row-late", T0.plusSeconds(200));
        in.first.pipeInput("device-101", "telegraf-row-late", T0.plusSeconds(201));

        Map<String, Double> expected = new HashMap<>();
        IntStream.rangeClosed(1, 99).forEach(n -> expected.put("device-" + n, 1.0));
        expected.put("device-100", 2.0);
        expected.put("other", 4.0);
        expected.put("all", 105.0);
        assertThat(TopologyMetrics.DEFAULT_MAX_SOURCES).isEqualTo(100);
        assertThat(series("telegraf-row-late")).isEqualTo(expected);
    }

    @Test
    void aBoundBelowOneIsRefusedBeforeAnyRecord() {
        assertThatThrownBy(() -> start(0))
                .hasStackTraceContaining("netpulse.metrics.max-sources must be at least 1, not 0");
    }

    private record Inputs(TestInputTopic<String, String> first, TestInputTopic<String, String> second) {
    }

    private Inputs start(Integer maxSources) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("first", Consumed.with(Serdes.String(), Serdes.String())).process(Counting::new);
        builder.stream("second", Consumed.with(Serdes.String(), Serdes.String())).process(Counting::new);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        if (maxSources != null) {
            props.put(TopologyMetrics.MAX_SOURCES_CONFIG, maxSources);
        }
        driver = new TopologyTestDriver(builder.build(), props, T0);
        return new Inputs(
                driver.createInputTopic("first", new StringSerializer(), new StringSerializer()),
                driver.createInputTopic("second", new StringSerializer(), new StringSerializer()));
    }

    /** Every series of {@code <event>-total}: source to value. */
    private Map<String, Double> series(String event) {
        Map<String, Double> bySource = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(TopologyMetrics.GROUP) && name.name().equals(event + "-total")) {
                Double previous = bySource.put(name.tags().get(TopologyMetrics.SCOPE + "-id"),
                        ((Number) entry.getValue().metricValue()).doubleValue());
                assertThat(previous).as("one series per source on one thread").isNull();
            }
        }
        return bySource;
    }

    /** Counts (or sums) what each record says. */
    private static final class Counting implements Processor<String, String, Void, Void> {

        private TopologyMetrics metrics;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            metrics = new TopologyMetrics(context);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value().startsWith("sum:")) {
                String[] parts = record.value().split(":");
                metrics.add(parts[1], record.key(), Long.parseLong(parts[2]));
            } else {
                metrics.count(record.value(), record.key());
            }
        }
    }
}
