package io.netpulse.app;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a record read from a topic cannot be deserialized. Input topics are read as bytes and
 * parsed inside the topology, so this meets the Avro topics Kafka Streams deserializes itself, such as the
 * directory that every instance reads as a global table. Bytes that do not decode are the record's fault: Kafka's
 * {@link LogAndContinueExceptionHandler} sends them to the dead-letter topic and processing goes on. A schema
 * registry outage ({@link NetpulseProcessingExceptionHandler#registryOutage}) is no record's fault: skipping would
 * silently lose a valid directory entry, so the thread fails and the record is read again after a restart.
 */
public final class NetpulseDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NetpulseDeserializationExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (NetpulseProcessingExceptionHandler.registryOutage(exception).isPresent()) {
            LOG.error("The schema registry cannot serve netpulse: failing on {}-{} offset {} so the record is read "
                    + "again after a restart rather than skipped", record.topic(), record.partition(),
                    record.offset(), exception);
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
