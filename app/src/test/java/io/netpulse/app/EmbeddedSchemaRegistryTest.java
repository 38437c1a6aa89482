package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.server.EmbeddedSchemaRegistry;
import io.netpulse.registry.store.CompatibilityLevel;
import io.netpulse.registry.store.InMemorySchemaRegistry.Deleted;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.registry.store.RegisteredSchema;
import io.netpulse.registry.store.VersionId;
import io.netpulse.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The embedded registry on a real broker: its topic, the entry each change writes, and a restart that restores
 * ids, versions, deletes and compatibility levels. Confluent's rules themselves are tested in the registry module.
 */
class EmbeddedSchemaRegistryTest {

    static EmbeddedBrokerSupport.Broker broker;
    static Map<String, Object> kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBrokerSupport.start();
        kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void createsACompactedOnePartitionTopic(TestInfo test) throws Exception {
        String topic = topic(test);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topic); Admin admin = Admin.create(kafka)) {
            assertThat(registry.store().subjects(Deleted.INCLUDED)).isEmpty();
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    static final String PING_JSON = "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
            + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"}]}";
    static final String PING_V2_JSON = "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
            + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"},"
            + "{\"name\":\"ifIndex\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
    static final Schema PING = new Schema.Parser().parse(PING_JSON);
    static final Schema PING_V2 = new Schema.Parser().parse(PING_V2_JSON);

    @Test
    void everyChangeSurvivesARestart(TestInfo test) {
        String topic = topic(test);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topic)) {
            InMemorySchemaRegistry store = registry.store();
            assertThat(registry.register("pings-value", PING)).isEqualTo(1);
            assertThat(registry.register("pings-value", PING_V2)).isEqualTo(2);
            assertThat(registry.register("pongs-value", PING)).isEqualTo(1);
            store.setCompatibility(Optional.of("pings-value"), CompatibilityLevel.FULL);
            store.setCompatibility(Optional.empty(), CompatibilityLevel.NONE);
            store.deleteVersion("pings-value", VersionId.of(1), false);
            store.deleteSubject("pongs-value", false);
            store.deleteSubject("pongs-value", true);
        }

        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(kafka, topic)) {
            InMemorySchemaRegistry store = restarted.store();
            assertThat(store.subjects(Deleted.INCLUDED)).containsExactly("pings-value");
            assertThat(store.versions("pings-value", Deleted.EXCLUDED)).containsExactly(2);
            assertThat(store.versions("pings-value", Deleted.ONLY)).containsExactly(1);
            assertThat(store.version("pings-value", VersionId.of(1), true))
                    .isEqualTo(new RegisteredSchema("pings-value", 1, 1, PING));
            assertThat(store.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 2, PING_V2));
            assertThat(store.subjectCompatibility("pings-value")).contains(CompatibilityLevel.FULL);
            assertThat(store.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
            assertThat(restarted.schemaById(1)).isEqualTo(PING);
            assertThat(restarted.register("pings-value", PING_V2)).isEqualTo(2);
            // Ping's soft-deleted version 1 is dropped when it comes back as version 3, with its id.
            assertThat(restarted.register("pings-value", PING)).isEqualTo(1);
            assertThat(store.versions("pings-value", Deleted.INCLUDED)).containsExactly(2, 3);
        }
    }

    @Test
    void writesEachChangeOnceBeforeAnswering(TestInfo test) {
        String topic = topic(test);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topic)) {
            InMemorySchemaRegistry store = registry.store();
            registry.register("pings-value", PING);
            registry.register("pings-value", PING);
            store.setCompatibility(Optional.of("pings-value"), CompatibilityLevel.FORWARD);
            store.deleteSubject("pings-value", false);
            store.deleteSubject("pings-value", true);
            store.setCompatibility(Optional.empty(), CompatibilityLevel.FULL);
            store.deleteCompatibility(Optional.empty());
        }

        String schema = PING_JSON.replace("\"", "\\\"");
        assertThat(readAll(topic)).containsExactly(
                "{\"subject\":\"pings-value\",\"version\":1} = "
                        + "{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":\"" + schema + "\"}",
                "{\"config\":\"pings-value\"} = {\"compatibilityLevel\":\"FORWARD\"}",
                "{\"subject\":\"pings-value\",\"version\":1} = "
                        + "{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":\"" + schema
                        + "\",\"deleted\":true}",
                "{\"subject\":\"pings-value\",\"version\":1} = null",
                "{\"config\":\"pings-value\"} = null",
                "{\"config\":null} = {\"compatibilityLevel\":\"FULL\"}",
                "{\"config\":null} = null");
    }

    @Test
    void anUnreadableEntryStopsTheStart(TestInfo test) throws Exception {
        String topic = topic(test);
        try (Admin admin = Admin.create(kafka);
             KafkaProducer<String, String> producer =
                     new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
            producer.send(new ProducerRecord<>(topic, "{\"subject\":\"pings-value\",\"version\":1}", "{\"id\": 1}")).get();
        }

        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(kafka, topic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Unreadable entry in schema topic " + topic
                        + " partition 0 offset 0: expected {subject, version, id, schema}");
    }

    @Test
    void aTopicWithTwoPartitionsIsRefused(TestInfo test) throws Exception {
        String topic = topic(test);
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get();
        }

        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(kafka, topic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Schema topic " + topic + " has 2 partitions; it needs exactly 1 so registrations keep"
                        + " their order");
    }

    /** Every record of the one-partition {@code topic} as "key = value". */
    private static List<String> readAll(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(kafka, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Waits.await(topic + " read to its end").pollInterval(Duration.ofMillis(1)).until(() -> {
                if (consumer.position(partition) < end) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        records.add(record.key() + " = " + record.value());
                    }
                }
                return consumer.position(partition) >= end;
            });
        }
        return records;
    }

    private static String topic(TestInfo test) {
        return "_schemas-" + test.getTestMethod().orElseThrow().getName();
    }
}
