package io.netpulse.topology.inputs.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers of a record the topology rejects on purpose, in the format Kafka Streams' own dead-letter queue
 * writes ({@code __streams.errors.*}), so one consumer reads both kinds from {@code netpulse.dead-letter}.
 */
public final class DeadLetters {

    /** Exception header value for records rejected by validation rather than by a thrown exception. */
    public static final String REJECTED = "io.netpulse.topology.ingest.RejectedRecord";

    private DeadLetters() {
    }

    /** The dead-letter headers for a record rejected with {@code reason} at {@code source}. */
    public static Headers headers(Headers original, String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, REJECTED);
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, reason);
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME, "");
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME, source.topic());
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, Integer.toString(source.partition()));
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME, Long.toString(source.offset()));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
