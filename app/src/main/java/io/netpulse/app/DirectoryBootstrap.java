package io.netpulse.app;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.Topics;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.inventory.DirectoryFlow;
import io.netpulse.topology.inputs.inventory.InventoryParser;
import io.netpulse.topology.inputs.inventory.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the directory up to date with the inventory topic before Kafka Streams starts. The directory is a
 * global table that the topology itself writes from the inventory, and Kafka Streams loads global tables before
 * it processes anything; without this step a fresh deployment that replays a backlog would read flows before
 * the inventory reached the directory, and attribute them to no address. With it, every inventory record
 * written before the start applies to every flow and counter read after it, whatever the order partitions are
 * read in. The entries are those the topology writes ({@link DirectoryFlow#entries}), so writing them again
 * changes nothing; invalid inventory records are left to the topology, which dead-letters them.
 */
final class DirectoryBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryBootstrap.class);

    private DirectoryBootstrap() {
    }

    /**
     * Reads the inventory topic to the end offsets it has now and writes its directory entries, the last per key.
     *
     * @return the number of directory entries written
     */
    static int run(Map<String, Object> clientProperties, Topics topics, AvroSerdes serdes, Duration timeout) {
        String inventory = topics.names().inventory();
        InventoryParser parser = new InventoryParser(serdes);
        Map<String, InventoryEntry> entries = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> consumerProperties = new HashMap<>(clientProperties);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(inventory, timeout).stream()
                    .map(info -> new TopicPartition(inventory, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the inventory topic " + inventory + " was not read to its end"
                            + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (parser.parse(record.topic(), record.key(), record.value())
                            instanceof Parsed.Accepted<InventoryRecord> accepted) {
                        for (InventoryRecord parsed : accepted.values()) {
                            for (KeyValue<String, InventoryEntry> entry : DirectoryFlow.entries(parsed)) {
                                entries.remove(entry.key);
                                entries.put(entry.key, entry.value);
                            }
                        }
                    }
                }
            }
        } finally {
            // Not waiting: the fetch the consumer keeps open at the broker (up to fetch.max.wait.ms when it is
            // read to the end) would hold the start for nothing; no group, no offsets to leave.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, Object> producerProperties = new HashMap<>(clientProperties);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, InventoryEntry> producer = new KafkaProducer<>(producerProperties,
                new StringSerializer(), topics.directory().valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
            entries.forEach((key, value) -> sent.add(producer.send(
                    new ProducerRecord<>(topics.directory().name(), key, value))));
            producer.flush();
            for (Future<RecordMetadata> result : sent) {
                result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the directory", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the directory to " + topics.directory().name(), e);
        }
        LOG.info("directory brought up to date with {}: {} entries", inventory, entries.size());
        return entries.size();
    }
}
