package io.netpulse.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * Kafka Streams' producer, with every record checked against the {@link DeadLetterBound} before it reaches Kafka.
 *
 * <p>A dead letter is {@link DeadLetterBound#fit fitted}: whatever path it took, it is sent whole or cut to fit,
 * never refused for its size. Any other record larger than the bound is refused here with a
 * {@link RecordTooLargeException} through its callback, as Kafka's producer would refuse it, but without touching the
 * producer: Kafka's own refusal puts an exactly-once transaction into an abortable error, which fails the commit and
 * kills the stream thread whatever the production exception handler answers. Refused here, the record reaches
 * {@link DeadLetterProductionExceptionHandler}, which dead-letters its source record, and the transaction commits.
 */
final class DeadLetterGuardedProducer implements Producer<byte[], byte[]> {

    private final Producer<byte[], byte[]> delegate;
    private final Optional<String> deadLetterTopic;
    private final DeadLetterBound bound;

    DeadLetterGuardedProducer(Producer<byte[], byte[]> delegate, Optional<String> deadLetterTopic,
                              DeadLetterBound bound) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (deadLetterTopic.isPresent() && deadLetterTopic.get().equals(record.topic())) {
            return delegate.send(bound.fit(record), callback);
        }
        int size = DeadLetterBound.sizeOf(record);
        if (size <= bound.maxBytes()) {
            return delegate.send(record, callback);
        }
        RecordTooLargeException tooLarge = new RecordTooLargeException("The record for " + record.topic() + " is "
                + size + " bytes, more than the " + bound.maxBytes() + " bytes the producer sends (max.request.size,"
                + " and the dead-letter topic's max.message.bytes)");
        if (callback != null) {
            TopicPartition partition = new TopicPartition(record.topic(),
                    record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition());
            callback.onCompletion(new RecordMetadata(partition, -1, -1, -1, -1, -1), tooLarge);
        }
        return CompletableFuture.failedFuture(tooLarge);
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        delegate.commitTransaction();
    }

    @Override
    public void abortTransaction() {
        delegate.abortTransaction();
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }
}
