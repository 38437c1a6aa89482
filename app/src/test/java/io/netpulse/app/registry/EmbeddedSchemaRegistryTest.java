package io.netpulse.app.registry;

import static io.netpulse.app.registry.TestSchemas.PING;
import static io.netpulse.app.registry.TestSchemas.PING_JSON;
import static io.netpulse.app.registry.TestSchemas.PING_V2;
import static io.netpulse.app.registry.TestSchemas.PONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.WebServer;
import io.netpulse.app.EmbeddedBrokerSupport;
import io.netpulse.topology.serde.HttpSchemaRegistryClient;
import io.netpulse.topology.serde.RegisteredSchema;
import io.netpulse.topology.serde.RegistrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/** The embedded registry on a real broker: its topic, its log entries, and ids that survive a restart. */
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
            assertThat(registry.subjects()).isEmpty();
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void idsAndVersionsSurviveARestart(TestInfo test) {
        String topic = topic(test);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topic)) {
            WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(routing -> routing.register("/registry", registry.service(request -> true)))
                    .build().start();
            try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
                    RegistrySettings.of(URI.create("http://127.0.0.1:" + server.port() + "/registry")))) {
                assertThat(client.register("pings-value", PING)).isEqualTo(1);
                assertThat(client.register("pings-value", PING_V2)).isEqualTo(2);
                assertThat(client.register("pongs-value", PING)).isEqualTo(1);
            } finally {
                server.stop();
            }
        }

        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(kafka, topic)) {
            assertThat(restarted.subjects()).containsExactly("pings-value", "pongs-value");
            assertThat(restarted.latest("pings-value")).contains(new RegisteredSchema("pings-value", 2, 2, PING_V2));
            assertThat(restarted.latest("pongs-value")).contains(new RegisteredSchema("pongs-value", 1, 1, PING));
            assertThat(restarted.schemaById(1)).isEqualTo(PING);
            assertThat(restarted.schemaById(2)).isEqualTo(PING_V2);
            assertThat(restarted.register("pings-value", PING)).isEqualTo(1);
            assertThat(restarted.register("pongs-value", PONG)).isEqualTo(3);
            assertThat(restarted.latest("pongs-value")).contains(new RegisteredSchema("pongs-value", 2, 3, PONG));
        }
    }

    @Test
    void writesEachNewRegistrationOnceBeforeAnswering(TestInfo test) {
        String topic = topic(test);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka, topic)) {
            registry.register("pings-value", PING);
            registry.register("pings-value", PING);
            registry.register("pongs-value", PING);
        }

        String schema = PING_JSON.replace("\"", "\\\"");
        assertThat(readAll(topic)).containsExactly(
                "{\"subject\":\"pings-value\",\"version\":1} = "
                        + "{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":\"" + schema + "\"}",
                "{\"subject\":\"pongs-value\",\"version\":1} = "
                        + "{\"subject\":\"pongs-value\",\"version\":1,\"id\":1,\"schema\":\"" + schema + "\"}");
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
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + " = " + record.value());
                }
            }
        }
        return records;
    }

    private static String topic(TestInfo test) {
        return "_schemas-" + test.getTestMethod().orElseThrow().getName();
    }
}
