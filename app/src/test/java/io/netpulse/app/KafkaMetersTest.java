package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.junit.jupiter.api.Test;

/** Kafka's metrics bound as Micrometer's Kafka binder binds them, following what Kafka adds and drops. */
class KafkaMetersTest {

    private static final String FETCH = "consumer-fetch-manager-metrics";
    private static final String LAG_MAX = "kafka.consumer.fetch.manager.records.lag.max";

    private final Metrics kafka = new Metrics();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private MetricName add(String name, String group, Map<String, String> tags, double value) {
        MetricName metric = new MetricName(name, group, "what " + name + " measures", tags);
        kafka.addMetric(metric, (Measurable) (config, now) -> value);
        return metric;
    }

    /** A gauge of Kafka's: a value it reads, with nothing said of what it measures. */
    private <T> void addGauge(String name, String group, Map<String, String> tags, Supplier<T> value) {
        kafka.addMetric(new MetricName(name, group, "", tags),
                (org.apache.kafka.common.metrics.Gauge<T>) (config, now) -> value.get());
    }

    /** Each gauge named {@code meterName} as {@code <its tag>=<its value>}. */
    private List<String> gauges(String meterName, String tag) {
        return registry.find(meterName).gauges().stream()
                .map(gauge -> gauge.getId().getTag(tag) + "=" + gauge.value())
                .toList();
    }

    @Test
    void aMetricIsNamedWithDotsTaggedWithItsTagsAndTheKafkaVersionAndACountIsACounter() {
        addGauge("version", "app-info", Map.of("client-id", "c1"), () -> "4.4.0");
        Sensor processed = kafka.sensor("processed");
        processed.add(new MetricName("process-total", "stream-thread-metrics", "what process-total measures",
                Map.of("thread-id", "t-1")), new CumulativeCount());
        Sensor failed = kafka.sensor("failed");
        failed.add(new MetricName("failed-stream-threads", "stream-metrics", "", Map.of("client-id", "c1")),
                new CumulativeCount());
        for (int i = 0; i < 42; i++) {
            processed.record();
        }
        failed.record();
        add("alive-stream-threads", "stream-metrics", Map.of("client-id", "c1"), 2);
        add("commit-total", "stream-thread-metrics", Map.of("thread-id", "t-1"), 5);
        addGauge("blocked-time-ns-total", "stream-thread-metrics", Map.of("thread-id", "t-1"), () -> 9.0);
        addGauge("start-time-ms", "app-info", Map.of("client-id", "c1"), () -> 1_796_000_000_000L);

        try (KafkaMeters meters = KafkaMeters.bind(kafka::metrics, registry, name -> true)) {
            FunctionCounter process = registry.get("kafka.stream.thread.process.total").functionCounter();
            assertThat(process.count()).isEqualTo(42.0);
            assertThat(process.getId().getTag("thread.id")).isEqualTo("t-1");
            assertThat(process.getId().getTag("kafka.version")).isEqualTo("4.4.0");
            assertThat(process.getId().getDescription()).isEqualTo("what process-total measures");
            // A cumulative count is a counter whatever its name, another measurable a gauge whatever its name, and
            // a gauge of Kafka's, which says nothing of what it measures, a counter when its name ends in total.
            assertThat(registry.get("kafka.stream.failed.stream.threads").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("kafka.stream.thread.commit.total").gauge().value()).isEqualTo(5.0);
            assertThat(registry.get("kafka.stream.thread.blocked.time.ns.total").functionCounter().count())
                    .isEqualTo(9.0);
            // Each client's start time is the one app-info shown.
            assertThat(registry.get("kafka.app.info.start.time.ms").tag("client.id", "c1").gauge().value())
                    .isEqualTo(1.796E12);
            Gauge alive = registry.get("kafka.stream.alive.stream.threads").gauge();
            assertThat(alive.value()).isEqualTo(2.0);
            assertThat(alive.getId().getTag("client.id")).isEqualTo("c1");
            // app-info is metadata, not a meter.
            assertThat(registry.find("kafka.app.info.version").meters()).isEmpty();
        }
        assertThat(registry.getMeters()).as("closing removes every meter it added").isEmpty();
    }

    @Test
    void ofTheVariantsOfANameOnlyThoseWithTheMostTagsAreShownWhicheverCameFirst() {
        add("records-lag-max", FETCH, Map.of("client-id", "c1"), 7);
        try (KafkaMeters meters = KafkaMeters.bind(kafka::metrics, registry, name -> true)) {
            assertThat(registry.get(LAG_MAX).gauge().value()).isEqualTo(7.0);

            MetricName partition0 = add("records-lag-max", FETCH,
                    Map.of("client-id", "c1", "topic", "flows", "partition", "0"), 3);
            add("records-lag-max", FETCH, Map.of("client-id", "c1", "topic", "flows", "partition", "1"), 5);
            meters.refresh();
            assertThat(gauges(LAG_MAX, "partition")).containsExactlyInAnyOrder("0=3.0", "1=5.0");

            // Partition 0 moves away: its meter goes, partition 1's stays.
            kafka.removeMetric(partition0);
            meters.refresh();
            assertThat(gauges(LAG_MAX, "partition")).containsExactly("1=5.0");
        }
    }

    @Test
    void whenTheWidestVariantsAllVanishTheNarrowerOneIsShownAgain() {
        add("records-lag-max", FETCH, Map.of("client-id", "c1"), 7);
        MetricName partition0 = add("records-lag-max", FETCH,
                Map.of("client-id", "c1", "topic", "flows", "partition", "0"), 3);
        try (KafkaMeters meters = KafkaMeters.bind(kafka::metrics, registry, name -> true)) {
            assertThat(gauges(LAG_MAX, "partition")).containsExactly("0=3.0");
            kafka.removeMetric(partition0);
            meters.refresh();
            assertThat(gauges(LAG_MAX, "partition")).containsExactly("null=7.0");
        }
    }

    @Test
    void onlyTheNamesAskedForAreBoundAndAMetricAddedLaterIsBoundAtTheNextRefresh() {
        add("process-total", "stream-thread-metrics", Map.of("thread-id", "t-1"), 42);
        add("block-cache-usage", "stream-state-metrics", Map.of("task-id", "0_1"), 1_000);
        try (KafkaMeters meters = KafkaMeters.bind(kafka::metrics, registry,
                name -> name.equals("kafka.stream.state.block.cache.usage"))) {
            assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                    .containsExactly("kafka.stream.state.block.cache.usage");

            add("block-cache-usage", "stream-state-metrics", Map.of("task-id", "0_2"), 2_000);
            assertThat(registry.getMeters()).as("not before the refresh").hasSize(1);
            meters.refresh();
            assertThat(gauges("kafka.stream.state.block.cache.usage", "task.id"))
                    .containsExactlyInAnyOrder("0_1=1000.0", "0_2=2000.0");
        }
    }

    @Test
    void aMetricDroppedAndAddedAgainReadsTheNewOneFromTheNextRefresh() {
        MetricName lag = add("records-lag", FETCH, Map.of("client-id", "c1", "topic", "flows", "partition", "0"), 10);
        // KafkaStreams.metrics() hands out a copy each time, not its live map.
        try (KafkaMeters meters = KafkaMeters.bind(() -> new HashMap<>(kafka.metrics()), registry, name -> true)) {
            Gauge gauge = registry.get("kafka.consumer.fetch.manager.records.lag").gauge();
            kafka.removeMetric(lag);
            meters.refresh();
            assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges()).isEmpty();

            add("records-lag", FETCH, Map.of("client-id", "c1", "topic", "flows", "partition", "0"), 20);
            assertThat(gauge.value()).as("a removed meter reads nothing").isNaN();
            meters.refresh();
            assertThat(registry.get("kafka.consumer.fetch.manager.records.lag").gauge().value()).isEqualTo(20.0);

            kafka.removeMetric(lag);
            add("records-lag", FETCH, Map.of("client-id", "c1", "topic", "flows", "partition", "0"), 30);
            meters.refresh();
            assertThat(registry.get("kafka.consumer.fetch.manager.records.lag").gauge().value()).isEqualTo(30.0);
        }
    }

    @Test
    void aMetricThatCannotBeReadYetIsTriedAgainWithoutHoldingBackTheOthers() {
        AtomicReference<Object> starting = new AtomicReference<>("starting");
        addGauge("estimate-num-keys", "stream-state-metrics", Map.of("task-id", "0_1"), starting::get);
        AtomicBoolean closing = new AtomicBoolean(true);
        addGauge("size-all-mem-tables", "stream-state-metrics", Map.of("task-id", "0_1"), () -> {
            if (closing.get()) {
                throw new IllegalStateException("store closing");
            }
            return 65_536L;
        });
        add("block-cache-usage", "stream-state-metrics", Map.of("task-id", "0_1"), 1_000);
        try (KafkaMeters meters = KafkaMeters.bind(() -> new HashMap<>(kafka.metrics()), registry, name -> true)) {
            assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                    .containsExactly("kafka.stream.state.block.cache.usage");

            starting.set(12L);
            closing.set(false);
            meters.refresh();
            assertThat(registry.get("kafka.stream.state.estimate.num.keys").gauge().value()).isEqualTo(12.0);
            assertThat(registry.get("kafka.stream.state.size.all.mem.tables").gauge().value()).isEqualTo(65_536.0);
        }
    }
}
