package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.send;
import static io.netpulse.app.EndToEndKit.withToken;

import io.helidon.webserver.WebServer;
import io.netpulse.app.MultiInstanceTraffic.Query;
import io.netpulse.app.ReplayTraffic.Source;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.testkit.Waits;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologyMetrics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream never loses a byte: the same 40 minutes of 8 devices and 8 flow exporters ({@link ReplayTraffic}) give
 * the same answers, computed by hand, whether a fresh instance reads them as they would arrive live (every source's
 * records interleaved in time order, a few minutes at a time while it keeps up) or as one backlog written source
 * after source before it starts (all of one device's minutes, then the next device's, and so on; the same for
 * exporters), so that partitions, and the sources sharing a partition, are read at very different points in time.
 * Each run has its own application id and topics on one broker and one schema registry; the rates keep their
 * production grace (15-minute maximum gap plus 5 minutes of lateness) and flows theirs (5 minutes).
 *
 * <p>Answers are read once everything is counted: when they equal the expected ones, or when they stopped changing
 * while the application's consumer group had committed every input and repartition topic to its end.
 */
class BacklogReplayEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogReplayEndToEndTest.class);
    /** The longest a run may take to count its input. */
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** How much event time the live run writes at once. */
    private static final Duration LIVE_STEP = Duration.ofMinutes(3);
    /** netpulse's own counters of samples or rows it dropped for their time. */
    private static final List<String> TIME_DROPS = List.of("telegraf-row-late-total", "counter-samples-late-total",
            "source-stats-late-total", "ip-traffic-late-total", "ingest-expired-total", "counter-duplicate-total",
            "counter-gap-total");

    @TempDir
    Path dir;

    /** What one run answered, and what it counted as dropped. */
    private record Outcome(Map<String, String> answers, double droppedRecords, Map<String, Double> timeDrops) {
    }

    @Test
    void aBacklogWrittenSourceAfterSourceGivesTheSameExactAnswersAsTheSameInputInTimeOrder() throws Exception {
        ReplayTraffic traffic = ReplayTraffic.before(Instant.now());
        List<Query> queries = traffic.queries();
        LOG.info("t0 {}; devices {}; exporters {}", traffic.t0(), ReplayTraffic.devices(), ReplayTraffic.exporters());
        try (EmbeddedBrokerSupport.Broker broker = EmbeddedBrokerSupport.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(Map.of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), "_replay-schemas")) {
            WebServer registryServer = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(routing -> routing.register("/registry", registry.service(request -> true)))
                    .build().start();
            try {
                AvroSerdes serdes = new AvroSerdes(registry);
                String registryUrl = "http://127.0.0.1:" + registryServer.port() + "/registry";
                Outcome timeOrder = timeOrderRun(broker.bootstrapServers(), registryUrl, traffic, serdes, queries);
                Outcome backlog = backlogRun(broker.bootstrapServers(), registryUrl, traffic, serdes, queries);

                SoftAssertions softly = new SoftAssertions();
                for (Query query : queries) {
                    softly.assertThat(timeOrder.answers().get(query.name())).as("time order: " + query.name())
                            .isEqualTo(query.expected());
                }
                for (Query query : queries) {
                    softly.assertThat(backlog.answers().get(query.name())).as("backlog: " + query.name())
                            .isEqualTo(query.expected());
                }
                for (Query query : queries) {
                    softly.assertThat(backlog.answers().get(query.name()))
                            .as("backlog byte for byte as time order: " + query.name())
                            .isEqualTo(timeOrder.answers().get(query.name()));
                }
                softly.assertThat(timeOrder.droppedRecords()).as("time order: Kafka Streams' dropped-records-total")
                        .isZero();
                softly.assertThat(backlog.droppedRecords()).as("backlog: Kafka Streams' dropped-records-total")
                        .isZero();
                Map<String, Double> none = new TreeMap<>();
                TIME_DROPS.forEach(name -> none.put(name, 0.0));
                softly.assertThat(timeOrder.timeDrops()).as("time order: netpulse's late, out-of-order and gap counts")
                        .isEqualTo(none);
                softly.assertThat(backlog.timeDrops()).as("backlog: netpulse's late, out-of-order and gap counts")
                        .isEqualTo(none);
                softly.assertAll();
            } finally {
                registryServer.stop();
            }
        }
    }

    /**
     * Live: a running instance reads the inventory, then every source's records interleaved in time order (at equal
     * times devices before exporters, each source in its own order), {@link #LIVE_STEP} of them at a time, each step
     * written once the instance has read everything before it, as exporters write while netpulse keeps up. Within a
     * step records are less than 3 minutes apart, below every grace (flows 5 minutes, rates 20), however unevenly the
     * instance reads its partitions.
     */
    private Outcome timeOrderRun(String bootstrap, String registryUrl, ReplayTraffic traffic, AvroSerdes serdes,
                                 List<Query> queries) throws Exception {
        AppConfig config = instance("time-order", bootstrap, registryUrl);
        TopicNames topics = config.topics().names();
        List<ProducerRecord<byte[], byte[]>> inTimeOrder = new ArrayList<>();
        traffic.sources(topics, serdes).forEach(source -> inTimeOrder.addAll(source.records()));
        inTimeOrder.sort(Comparator.comparingLong(ProducerRecord::timestamp)); // stable: each source keeps its order
        Map<Long, List<ProducerRecord<byte[], byte[]>>> steps = new TreeMap<>();
        for (ProducerRecord<byte[], byte[]> record : inTimeOrder) {
            steps.computeIfAbsent((record.timestamp() - traffic.t0().toEpochMilli()) / LIVE_STEP.toMillis(),
                    step -> new ArrayList<>()).add(record);
        }
        long started = System.nanoTime();
        try (Netpulse netpulse = new Netpulse(config).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            EndToEndKit.await("time-order instance ready", () -> netpulse.health().ready());
            Optional<String> token = EndToEndKit.demoToken(config.stateDir());
            String base = "http://127.0.0.1:" + config.http().port();
            produce(bootstrap, traffic.inventory(topics));
            // Live, the inventory is there long before the traffic: wait until the directory knows every interface
            // and address, and every topic the inventory feeds (the interface-to-site table among them) is read to
            // its end.
            EndToEndKit.await("the inventory known to the time-order instance",
                    () -> knowsTheInventory(base, token, queries) && caughtUp(admin, config));
            for (Map.Entry<Long, List<ProducerRecord<byte[], byte[]>>> step : steps.entrySet()) {
                produce(bootstrap, step.getValue());
                EndToEndKit.await("step " + step.getKey() + " read by the time-order instance",
                        () -> caughtUp(admin, config));
            }
            Outcome outcome = settle(netpulse, admin, config, base, token, queries);
            LOG.info("time order: {} records in {} steps counted in {} ms", inTimeOrder.size(), steps.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return outcome;
        }
    }

    /**
     * The same records, written source after source (the inventory first, then device after device, then exporter
     * after exporter) before a fresh instance starts, so it reads them all as one backlog.
     */
    private Outcome backlogRun(String bootstrap, String registryUrl, ReplayTraffic traffic, AvroSerdes serdes,
                               List<Query> queries) throws Exception {
        AppConfig config = instance("backlog", bootstrap, registryUrl);
        TopicNames topics = config.topics().names();
        List<ProducerRecord<byte[], byte[]>> sourceAfterSource = new ArrayList<>();
        for (Source source : traffic.sources(topics, serdes)) {
            sourceAfterSource.addAll(source.records());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // The topics as netpulse creates them (four partitions each), before anything is written to them.
            TopicSetup.ensure(admin, TopicSetup.specs(topics, config.topics().partitions(), false),
                    config.topics().replication());
            produce(bootstrap, traffic.inventory(topics));
            produce(bootstrap, sourceAfterSource);
            long started = System.nanoTime();
            try (Netpulse netpulse = new Netpulse(config).start()) {
                EndToEndKit.await("backlog instance ready", () -> netpulse.health().ready());
                Optional<String> token = EndToEndKit.demoToken(config.stateDir());
                String base = "http://127.0.0.1:" + config.http().port();
                Outcome outcome = settle(netpulse, admin, config, base, token, queries);
                LOG.info("backlog: {} records counted in {} ms", sourceAfterSource.size(),
                        (System.nanoTime() - started) / 1_000_000);
                return outcome;
            }
        }
    }

    /**
     * Asks every query until the answers are the expected ones, or until they stopped changing while everything
     * written was read and committed, or {@link #SETTLE} passed; returns the last answers and the drop counts.
     */
    private static Outcome settle(Netpulse netpulse, Admin admin, AppConfig config, String base,
                                  Optional<String> token, List<Query> queries) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        queries.forEach(query -> expected.put(query.name(), query.expected()));
        List<Map<String, String>> asked = new ArrayList<>();
        Map<String, String> answers = Waits.lastOf(Waits.await("the answers to settle", SETTLE)
                .pollInterval(Duration.ofMillis(500)), () -> ask(base, token, queries), now -> {
                    Map<String, String> previous = asked.isEmpty() ? Map.of() : asked.getLast();
                    asked.add(now);
                    return now.equals(expected) || (now.equals(previous) && caughtUp(admin, config));
                });
        return new Outcome(answers, droppedRecords(netpulse.streams()), timeDrops(netpulse.streams()));
    }

    private static Map<String, String> ask(String base, Optional<String> token, List<Query> queries) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Query query : queries) {
            HttpResponse<String> response = send(withToken(query.request().apply(base), token));
            answers.put(query.name(), response.statusCode() == 200 ? response.body()
                    : response.statusCode() + " " + response.body());
        }
        return answers;
    }

    /** Whether {@code GET /interfaces} lists every inventory interface and the per-IP API knows every address. */
    private static boolean knowsTheInventory(String base, Optional<String> token, List<Query> queries) {
        HttpResponse<String> interfaces = send(withToken(get(base + "/interfaces"), token));
        return interfaces.statusCode() == 200 && ReplayTraffic.interfaceIds().stream()
                .allMatch(id -> interfaces.body().contains("\"interface_id\":\"" + id + "\""))
                && queries.stream().filter(query -> query.name().startsWith("per-IP"))
                .allMatch(query -> send(withToken(query.request().apply(base), token)).statusCode() == 200);
    }

    /**
     * Whether the application's consumer group has committed every partition of every input and repartition topic
     * at its end (the last stable offset): everything written so far was processed.
     */
    private static boolean caughtUp(Admin admin, AppConfig config) {
        try {
            String applicationId = config.streams().applicationId();
            Set<String> read = new HashSet<>(config.topics().names().inputs());
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
                    read.add(topic);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(read).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            // Committed offsets first, ends second: a task commits its input together with what it wrote
            // downstream, so anything written downstream for an input committed here is in the ends read after.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                if (end.getValue().offset() > 0 && (at == null || at.offset() < end.getValue().offset())) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false; // the group or a topic not there yet: not caught up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kafka Streams' records dropped by every task (late for a window's grace among them). */
    private static double droppedRecords(KafkaStreams streams) {
        double dropped = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (metric.getKey().name().equals("dropped-records-total")
                    && metric.getKey().group().equals("stream-task-metrics")) {
                dropped += ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return dropped;
    }

    /** The totals ({@value TopologyMetrics#ALL}) of {@link #TIME_DROPS}; a counter never incremented is 0. */
    private static Map<String, Double> timeDrops(KafkaStreams streams) {
        Map<String, Double> totals = new TreeMap<>();
        TIME_DROPS.forEach(name -> totals.put(name, 0.0));
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (TIME_DROPS.contains(name.name()) && name.group().equals(TopologyMetrics.GROUP)
                    && TopologyMetrics.ALL.equals(name.tags().get(TopologyMetrics.SCOPE + "-id"))) {
                totals.merge(name.name(), ((Number) metric.getValue().metricValue()).doubleValue(), Double::sum);
            }
        }
        return totals;
    }

    /** An instance on the shared broker and registry, with its own application id, topics and state. */
    private AppConfig instance(String name, String bootstrap, String registryUrl) {
        int httpPort = freePort();
        Map<String, String> environment = environment(dir.resolve(name), httpPort);
        environment.put("NETPULSE_KAFKA_BOOTSTRAP", bootstrap);
        environment.put("NETPULSE_REGISTRY_URL", registryUrl);
        environment.put("NETPULSE_APPLICATION_ID", name + "-netpulse");
        // The production grace of the rates, not the end-to-end kit's short one: 15 + 5 = 20 minutes.
        environment.put("NETPULSE_RATES_MAX_GAP", "PT15M");
        environment.put("NETPULSE_RATES_LATENESS", "PT5M");
        for (ConfigKey<?> key : ConfigKey.values()) {
            if (key.key().startsWith("topics.") && key != ConfigKey.TOPICS_PARTITIONS
                    && key != ConfigKey.TOPICS_REPLICATION) {
                environment.put(key.environmentName(), name + "." + key.defaultValue());
            }
        }
        return config(environment);
    }
}
