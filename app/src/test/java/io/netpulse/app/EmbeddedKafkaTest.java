package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.testkit.Waits;
import io.netpulse.topology.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final TopicNames NAMES = TopicNames.defaults();
    private static final List<String> ALL_TOPICS = List.of(
            "netpulse.inventory", "netpulse.counters", "telegraf", "netpulse.flows", "flow-messages", "pmacct.acct",
            "netpulse.directory", "netpulse.interface-rates", "netpulse.site-volume", "netpulse.source-stats",
            "netpulse.ip-stats", "netpulse.alerts", "netpulse.billing",
            "netpulse.dead-letter", "_netpulse-schemas");

    @TempDir
    Path stateDir;

    @Test
    void createsEveryTopicWithItsPartitionsAndCleanupPolicyOnce() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(stateDir.resolve("kafka"), 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {

            TopicSetup.Outcome first = TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, true), (short) 1);
            TopicSetup.Outcome second = TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, true), (short) 1);

            assertThat(first.created()).containsExactlyElementsOf(ALL_TOPICS);
            assertThat(first.existing()).isEmpty();
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).containsExactlyElementsOf(ALL_TOPICS);
            Map<String, TopicDescription> described =
                    admin.describeTopics(ALL_TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(described.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().partitions().size()))).isEqualTo(Map.ofEntries(
                    Map.entry("netpulse.counters", 4), Map.entry("netpulse.flows", 4),
                    Map.entry("netpulse.inventory", 4), Map.entry("telegraf", 4), Map.entry("flow-messages", 4),
                    Map.entry("pmacct.acct", 4),
                    Map.entry("netpulse.directory", 4),
                    Map.entry("netpulse.interface-rates", 4), Map.entry("netpulse.site-volume", 4),
                    Map.entry("netpulse.source-stats", 4), Map.entry("netpulse.ip-stats", 4),
                    Map.entry("netpulse.alerts", 4), Map.entry("netpulse.billing", 4),
                    Map.entry("netpulse.dead-letter", 4), Map.entry("_netpulse-schemas", 1)));
            assertThat(cleanupPolicies(admin)).isEqualTo(Map.ofEntries(
                    Map.entry("netpulse.counters", "delete"), Map.entry("netpulse.flows", "delete"),
                    Map.entry("netpulse.inventory", "compact"), Map.entry("telegraf", "delete"),
                    Map.entry("flow-messages", "delete"), Map.entry("pmacct.acct", "delete"),
                    Map.entry("netpulse.directory", "compact"),
                    Map.entry("netpulse.interface-rates", "delete"),
                    Map.entry("netpulse.site-volume", "delete"), Map.entry("netpulse.source-stats", "delete"),
                    Map.entry("netpulse.ip-stats", "delete"), Map.entry("netpulse.alerts", "delete"),
                    Map.entry("netpulse.billing", "delete"),
                    Map.entry("netpulse.dead-letter", "delete"),
                    Map.entry("_netpulse-schemas", "compact")));
        }
    }

    @Test
    void againstARemoteRegistryTheSchemasTopicIsNotCreated() {
        assertThat(TopicSetup.specs(NAMES, 6, false)).extracting(TopicSetup.TopicSpec::name)
                .containsExactlyElementsOf(ALL_TOPICS.subList(0, ALL_TOPICS.size() - 1));
        assertThat(TopicSetup.specs(NAMES, 6, false)).extracting(TopicSetup.TopicSpec::partitions).containsOnly(6);
    }

    @Test
    void theTopicsOfInputsNotReadAreNotCreated() {
        TopicNames telegrafAndGoflow2 = NAMES.reading(EnumSet.of(TopicNames.Input.TELEGRAF,
                TopicNames.Input.FLOW_MESSAGES));
        assertThat(TopicSetup.specs(telegrafAndGoflow2, 6, false)).extracting(TopicSetup.TopicSpec::name)
                .containsExactly("netpulse.inventory", "telegraf", "flow-messages", "netpulse.directory",
                        "netpulse.interface-rates", "netpulse.site-volume", "netpulse.source-stats",
                        "netpulse.ip-stats", "netpulse.alerts", "netpulse.billing", "netpulse.dead-letter");
    }

    @Test
    void restartOnTheSameStateDirectoryKeepsTheClusterAndItsData() throws Exception {
        Path dataDir = stateDir.resolve("kafka");
        String clusterId;
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, false), (short) 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("netpulse.inventory", 1, "ip:203.0.113.10", "kept")).get();
            }
            clusterId = clusterId(dataDir);
        }

        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicSetup.Outcome outcome = TopicSetup.ensure(admin, TopicSetup.specs(NAMES, 4, false), (short) 1);

            assertThat(outcome.created()).isEmpty();
            assertThat(clusterId(dataDir)).isEqualTo(clusterId);
            assertThat(readAll(kafka.bootstrapServers(), "netpulse.inventory", 1))
                    .containsExactly("ip:203.0.113.10=kept");
        }
    }

    @Test
    void aTransactionsFirstBatchToAPartitionWaitsUpToASecondForThePreviousTransactionOnTheBroker() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(stateDir.resolve("kafka"), 0, 0).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);

            // Kafka's default is 100 ms: past it a loaded broker fails the batch and the producer backs off
            assertThat(config.get("add.partitions.to.txn.retry.backoff.max.ms").value()).isEqualTo("1000");
        }
    }

    private static Map<String, String> cleanupPolicies(Admin admin) throws Exception {
        List<ConfigResource> resources = ALL_TOPICS.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        return configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
    }

    private static String clusterId(Path dataDir) throws IOException {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(reader);
        }
        return meta.getProperty("cluster.id");
    }

    /** Reads {@code topic} until {@code expected} records arrived or 30 s passed. */
    static List<String> readAll(String bootstrap, String topic, int expected) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-test"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Waits.lastOf(Waits.await(expected + " records of " + topic, Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(1)), () -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            records.add(record.key() + "=" + record.value());
                        }
                        return records;
                    }, read -> read.size() >= expected);
        }
        return records;
    }

    @Test
    void freePortsTakenOneAfterTheOtherDifferEvenWhenTheKernelRepeatsOne() {
        // The kernel handed 40469 twice in a row once, and an instance's HTTP and peer ports collided.
        Iterator<Integer> kernel = List.of(40469, 40469, 40469, 40470, 40469).iterator();
        Set<Integer> handedOut = new HashSet<>();
        assertThat(EmbeddedKafka.unlike(handedOut, kernel::next)).isEqualTo(40469);
        assertThat(EmbeddedKafka.unlike(handedOut, kernel::next)).isEqualTo(40470);

        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ports.add(EmbeddedKafka.freePort());
        }
        assertThat(ports).doesNotHaveDuplicates();
    }
}
