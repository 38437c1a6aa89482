package io.netpulse.app;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients as Kafka makes them, except that every producer is a {@link DeadLetterGuardedProducer}: the
 * one point every record Kafka Streams writes passes, dead letters included, so no record's size can stop a stream
 * thread. Chosen through {@code default.client.supplier} (see {@link AppConfig#streamsProperties}); the producer
 * finds the dead-letter topic and its limit in {@value DeadLetterBound#TOPIC_CONFIG} and
 * {@value DeadLetterBound#TOPIC_MAX_MESSAGE_BYTES_CONFIG}, which Kafka Streams passes to every client.
 */
public final class NetpulseClientSupplier implements KafkaClientSupplier {

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Optional<String> deadLetterTopic = Optional.ofNullable(config.get(DeadLetterBound.TOPIC_CONFIG))
                .map(Object::toString);
        return new DeadLetterGuardedProducer(
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                deadLetterTopic, DeadLetterBound.of(config));
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
