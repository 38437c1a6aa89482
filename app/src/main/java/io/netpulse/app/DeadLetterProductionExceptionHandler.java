package io.netpulse.app;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
 * Except when the schema registry cannot register the output's schema (an outage, see
 * {@link NetpulseProcessingExceptionHandler#registryOutage}): that is no record's fault, so the task fails and the
 * record is processed again after a restart instead of being dead-lettered.
 *
 * <p>A record too large to send ({@link RecordTooLargeException}, refused before it reaches Kafka by
 * {@link DeadLetterGuardedProducer}) is also the fault of one record: failing would stop the thread on it at every
 * restart. Its source record goes to the dead-letter topic (by its coordinates alone when Kafka Streams no longer
 * holds its bytes) and processing goes on. A dead letter refused for its size (a topic whose own limit is below what
 * netpulse knows) is dropped with an error log rather than dead-lettered again and again.
 * Any other failed send is left to Kafka's default: retried when the error is retriable, otherwise fatal to the
 * thread, since skipping it would silently lose output that downstream consumers count on (and under exactly-once a
 * failed send leaves the transaction to be aborted anyway).
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
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return super.handleError(context, record, exception);
        }
        if (record.topic().equals(deadLetterTopic)) {
            LOG.error("A dead letter of the record at {}-{} offset {} was refused for its size and is dropped: {}",
                    context.topic(), context.partition(), context.offset(), exception.toString());
            return Response.resume();
        }
        LOG.warn("Cannot write a record for topic {} (source {}-{} offset {}); sending the source record to the "
                        + "dead-letter topic {}: {}", record.topic(), context.topic(), context.partition(),
                context.offset(), deadLetterTopic, exception.toString());
        return Response.resume(ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(deadLetterTopic,
                context.sourceRawKey(), context.sourceRawValue(), context, exception));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (NetpulseProcessingExceptionHandler.registryOutage(exception).isPresent()) {
            LOG.error("The schema registry cannot register the schema of a record for topic {} (source {}-{} offset "
                    + "{}): failing the task so the record is processed again after a restart", record.topic(),
                    context.topic(), context.partition(), context.offset(), exception);
            return Response.fail();
        }
        LOG.warn("Cannot serialize the {} of a record for topic {} (source {}-{} offset {}); sending the source "
                        + "record to the dead-letter topic {}: {}", origin == SerializationExceptionOrigin.KEY
                        ? "key" : "value", record.topic(), context.topic(), context.partition(), context.offset(),
                deadLetterTopic, exception.toString());
        List<ProducerRecord<byte[], byte[]>> deadLetters = ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
                deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception);
        return Response.resume(deadLetters);
    }
}
