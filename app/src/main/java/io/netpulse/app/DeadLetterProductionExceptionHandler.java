package io.netpulse.app;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when Kafka Streams cannot write a record the topology produced.
 *
 * <p>A serialization failure concerns one record (a value the schema cannot carry): the source record that led
 * to it goes to the dead-letter topic, with Kafka's {@code __streams.errors.*} headers, and processing goes on.
 * A failed send is left to Kafka's default: retried when the error is retriable, otherwise fatal to the thread,
 * since skipping it would silently lose output that downstream consumers count on.
 */
public final class DeadLetterProductionExceptionHandler extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        LOG.warn("Cannot serialize the {} of a record for topic {} (source {}-{} offset {}); sending the source "
                        + "record to the dead-letter topic {}: {}", origin == SerializationExceptionOrigin.KEY
                        ? "key" : "value", record.topic(), context.topic(), context.partition(), context.offset(),
                deadLetterTopic, exception.toString());
        List<ProducerRecord<byte[], byte[]>> deadLetters = ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
                deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception);
        return Response.resume(deadLetters);
    }
}
