package io.netpulse.app.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.topology.serde.InMemorySchemaRegistry;
import io.netpulse.topology.serde.RegisteredSchema;
import io.netpulse.topology.serde.SchemaRegistryClient;
import io.netpulse.topology.serde.SchemaRegistryException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry of the embedded default. Registrations live in memory and in a compacted one-partition topic,
 * as Confluent's registry keeps {@code _schemas}, so ids survive restarts; {@link #service()} serves Confluent's
 * REST subset so any Confluent client can read the embedded system's topics.
 *
 * <p>Each log entry has key {@code {"subject": s, "version": v}} and value
 * {@code {"subject": s, "version": v, "id": n, "schema": "<schema JSON>"}}. netpulse never deletes a registration, so
 * tombstones are skipped. An entry that cannot be read stops the start: skipping it could hand its id to another
 * schema and misread every record written with it.
 */
public final class EmbeddedSchemaRegistry implements SchemaRegistryClient, AutoCloseable {

    /** How long starting may take (topic creation and the replay) and how long a registration waits for the log. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final InMemorySchemaRegistry memory;
    private final KafkaProducer<byte[], byte[]> producer;

    private EmbeddedSchemaRegistry(String topic, InMemorySchemaRegistry memory, KafkaProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.memory = memory;
        this.producer = producer;
    }

    /**
     * Reads {@code topic} from its beginning to its end to restore every registration, creating it (one partition,
     * compacted) when absent.
     *
     * @param kafkaClientProps bootstrap.servers plus any security settings, passed to every Kafka client
     * @throws IllegalStateException when the topic cannot be created or read, or holds an unreadable entry
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientProps, String topic) {
        ensureTopic(kafkaClientProps, topic);
        InMemorySchemaRegistry memory = new InMemorySchemaRegistry();
        int restored = replay(kafkaClientProps, topic, memory);
        Map<String, Object> props = new HashMap<>(kafkaClientProps);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netpulse-schema-registry");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        LOG.info("Schema registry restored {} registrations from topic {}", restored, topic);
        return new EmbeddedSchemaRegistry(topic, memory, producer);
    }

    /**
     * Registers {@code schema} under {@code subject}, or finds it there; a new registration is written to the topic
     * before it is answered.
     *
     * @throws SchemaRegistryException 500 50001 when the topic does not take the registration
     */
    @Override
    public int register(String subject, Schema schema) {
        return memory.register(subject, schema, this::persist).id();
    }

    /** @throws SchemaRegistryException 404 40403 when no schema has this id */
    @Override
    public Schema schemaById(int id) {
        return memory.schemaById(id);
    }

    /** Every subject, in name order. */
    public List<String> subjects() {
        return memory.subjects();
    }

    /** The highest version of {@code subject}; empty when the subject is unknown. */
    public Optional<RegisteredSchema> latest(String subject) {
        return memory.latest(subject);
    }

    /**
     * The Confluent REST subset, to be mounted at {@code /registry}.
     *
     * @param mayRegister who may register schemas; everyone may read them
     */
    public HttpService service(Predicate<ServerRequest> mayRegister) {
        return new RegistryService(this, memory, mayRegister);
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private void persist(RegisteredSchema registration) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("subject", registration.subject());
        key.put("version", registration.version());
        Map<String, Object> value = new LinkedHashMap<>(key);
        value.put("id", registration.id());
        value.put("schema", registration.schema().toString());
        try {
            producer.send(new ProducerRecord<>(topic, 0, JSON.writeValueAsBytes(key), JSON.writeValueAsBytes(value)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError(registration, e);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            throw storeError(registration, e);
        }
        LOG.info("Registered schema id {} as version {} of subject {}", registration.id(), registration.version(),
                registration.subject());
    }

    private SchemaRegistryException storeError(RegisteredSchema registration, Exception cause) {
        return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                "Error in the backend datastore: cannot write version " + registration.version() + " of subject '"
                        + registration.subject() + "' to topic " + topic + ": " + cause, cause);
    }

    private static void ensureTopic(Map<String, Object> kafkaClientProps, String topic) {
        try (Admin admin = Admin.create(kafkaClientProps)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created schema topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("Schema topic " + topic + " has " + description.partitions().size()
                        + " partitions; it needs exactly 1 so registrations keep their order");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating schema topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create or describe schema topic " + topic + ": " + e, e);
        }
    }

    private static int replay(Map<String, Object> kafkaClientProps, String topic, InMemorySchemaRegistry memory) {
        Map<String, Object> props = new HashMap<>(kafkaClientProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netpulse-schema-registry-replay");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        Instant deadline = Instant.now().plus(TIMEOUT);
        int restored = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            while (consumer.position(partition, TIMEOUT) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Schema topic " + topic + " not read to offset " + end
                            + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        memory.restore(parseEntry(record));
                        restored++;
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("Cannot read schema topic " + topic + ": " + e, e);
        }
        return restored;
    }

    private static RegisteredSchema parseEntry(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            if (value == null || !value.path("subject").isTextual() || !value.path("version").canConvertToInt()
                    || !value.path("id").canConvertToInt() || !value.path("schema").isTextual()) {
                throw new IllegalArgumentException("expected {subject, version, id, schema}");
            }
            return new RegisteredSchema(value.get("subject").asText(), value.get("version").intValue(),
                    value.get("id").intValue(), new Schema.Parser().parse(value.get("schema").asText()));
        } catch (IOException | AvroRuntimeException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable entry in schema topic " + record.topic() + " partition "
                    + record.partition() + " offset " + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
