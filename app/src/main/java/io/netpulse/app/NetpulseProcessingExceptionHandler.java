package io.netpulse.app;

import io.netpulse.registry.serde.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a processor throws, telling a record's fault from an outage.
 *
 * <ul>
 *   <li>A schema registry that cannot serve netpulse ({@link #registryOutage}) is nobody's record's fault:
 *       dead-lettering would turn an outage into valid records lost. The task fails instead; the stream thread
 *       dies, the instance reports not live ({@link StreamsHealth}) and its supervisor restarts it. The failed
 *       transaction is aborted and its input read again after the restart: nothing lost, nothing counted twice.</li>
 *   <li>Anything else concerns the one record: its source record goes to the dead-letter topic with Kafka's
 *       {@code __streams.errors.*} headers (reason, topic, partition, offset; built by Kafka's own
 *       {@link ExceptionHandlerUtils}) and processing goes on.</li>
 * </ul>
 */
public final class NetpulseProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NetpulseProcessingExceptionHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Optional<SchemaRegistryException> outage = registryOutage(exception);
        if (outage.isPresent()) {
            LOG.error("The schema registry cannot serve netpulse (status {}): failing task {} at {}-{} offset {} so "
                            + "the record is processed again after a restart rather than dead-lettered",
                    outage.get().status(), context.taskId(), context.topic(), context.partition(), context.offset(),
                    exception);
            return Response.fail();
        }
        LOG.warn("Processor {} failed on {}-{} offset {}; sending the source record to the dead-letter topic {}: {}",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(), deadLetterTopic,
                exception.toString());
        List<ProducerRecord<byte[], byte[]>> deadLetters = ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
                deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception);
        return Response.resume(deadLetters);
    }

    /**
     * The registry failure in {@code exception}'s cause chain that no record can be blamed for: no answer at all
     * ({@link SchemaRegistryException#NO_RESPONSE}), a server error (5xx), a refusal of netpulse itself (401, 403)
     * or a request to slow down (408, 429). A definite answer about the record (404: its schema id is unknown, 422)
     * is the record's fault.
     */
    static Optional<SchemaRegistryException> registryOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                int status = registry.status();
                boolean outage = status == SchemaRegistryException.NO_RESPONSE || status >= 500
                        || status == 401 || status == 403 || status == 408 || status == 429;
                return outage ? Optional.of(registry) : Optional.empty();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
