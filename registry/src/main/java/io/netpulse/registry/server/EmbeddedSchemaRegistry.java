package io.netpulse.registry.server;

import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.registry.serde.SchemaRegistryClient;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry of the embedded default: Confluent's rules ({@link InMemorySchemaRegistry}) with every change
 * kept in a compacted one-partition topic, as Confluent's registry keeps {@code _schemas}, so ids, versions, deletes
 * and compatibility levels survive restarts; {@link #service(Predicate)} serves Confluent's REST API over it. The
 * entries are {@link SchemaLogEntries}. An entry that cannot be read stops the start: skipping it could hand its id
 * to another schema and misread every record written with it.
 */
public final class EmbeddedSchemaRegistry implements SchemaRegistryClient, AutoCloseable {

    /** How long starting may take (topic creation and the replay) and how long a change waits for the log. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final InMemorySchemaRegistry store;

    private EmbeddedSchemaRegistry(String topic, KafkaProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
        this.store = new InMemorySchemaRegistry(this::persist);
    }

    /**
     * Reads {@code topic} from its beginning to its end to restore every change, creating it (one partition,
     * compacted) when absent.
     *
     * @param kafkaClientProps bootstrap.servers plus any security settings, passed to every Kafka client
     * @throws IllegalStateException when the topic cannot be created or read, or holds an unreadable entry
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientProps, String topic) {
        ensureTopic(kafkaClientProps, topic);
        Map<String, Object> props = new HashMap<>(kafkaClientProps);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netpulse-schema-registry");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(topic,
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
        try {
            int restored = replay(kafkaClientProps, topic, registry.store);
            LOG.info("Schema registry restored {} entries from topic {}", restored, topic);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /**
     * Registers {@code schema} under {@code subject}, or finds it there; a new version is written to the topic
     * before it is answered.
     *
     * @throws SchemaRegistryException 409 when incompatible, 500 50001 when the topic does not take the change
     */
    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema);
    }

    /** @throws SchemaRegistryException 404 40403 when no schema has this id */
    @Override
    public Schema schemaById(int id) {
        return store.schemaById(id);
    }

    /** The registry's state, every write of which goes to the topic first. */
    public InMemorySchemaRegistry store() {
        return store;
    }

    /**
     * Confluent's REST API over this registry, to be mounted at {@code /registry}.
     *
     * @param mayWrite who may change the registry (register, delete, set a level); everyone may read it
     */
    public HttpService service(Predicate<ServerRequest> mayWrite) {
        return new RegistryService(store, mayWrite);
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private void persist(InMemorySchemaRegistry.Change change) {
        SchemaLogEntries.Entry entry = SchemaLogEntries.encode(change);
        try {
            producer.send(new ProducerRecord<>(topic, 0, entry.key(), entry.value()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw storeError(change, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw storeError(change, e);
        }
        LOG.info("Schema registry: {} {}", new String(entry.key(), StandardCharsets.UTF_8),
                entry.value() == null ? "removed" : "written");
    }

    private SchemaRegistryException storeError(InMemorySchemaRegistry.Change change, Exception cause) {
        return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                "Error while writing to the Kafka store: topic " + topic + " did not take " + change + ": " + cause,
                cause);
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
            TopicDescription description = describeOnceVisible(admin, topic);
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

    /**
     * The topic's description, asked again while the broker does not know it yet: a topic just created is visible
     * to metadata a moment after creation returns.
     */
    private static TopicDescription describeOnceVisible(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(Set.of(topic)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int replay(Map<String, Object> kafkaClientProps, String topic, InMemorySchemaRegistry store) {
        Map<String, Object> props = new HashMap<>(kafkaClientProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netpulse-schema-registry-replay");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        Instant deadline = Instant.now().plus(TIMEOUT);
        int restored = 0;
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("Cannot read schema topic " + topic + ": " + e, e);
        }
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            while (consumer.position(partition, TIMEOUT) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Schema topic " + topic + " not read to offset " + end
                            + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    store.apply(decode(record));
                    restored++;
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("Cannot read schema topic " + topic + ": " + e, e);
        } finally {
            // Not waiting for the fetch the consumer keeps open at the broker once it has read to the end (up to
            // fetch.max.wait.ms): it would hold the start for nothing; no group, no offsets to leave.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        return restored;
    }

    private static InMemorySchemaRegistry.Change decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return SchemaLogEntries.decode(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable entry in schema topic " + record.topic() + " partition "
                    + record.partition() + " offset " + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
