package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterProductionExceptionHandlerTest {

    private static final byte[] SOURCE_KEY = "ams-edge-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOURCE_VALUE = {0, 0, 0, 0, 1, 42};

    private final DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
    private final ErrorHandlerContext context = new DefaultErrorHandlerContext(null, "netpulse.counters", 2, 41L,
            new RecordHeaders(), "counters-parse", new TaskId(0, 2), 1_767_225_600_000L, SOURCE_KEY, SOURCE_VALUE);
    private final ProducerRecord<byte[], byte[]> output =
            new ProducerRecord<>("netpulse.interface-rates", new byte[] {1}, new byte[] {2});

    @BeforeEach
    void configure() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "netpulse.dead-letter"));
    }

    @Test
    void serializationErrorSendsTheSourceRecordToTheDeadLetterTopicAndResumes() {
        Response response = handler.handleSerializationError(context, output,
                new SerializationException("value does not fit the schema"), SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo("netpulse.dead-letter");
        assertThat(deadLetter.key()).isEqualTo(SOURCE_KEY);
        assertThat(deadLetter.value()).isEqualTo(SOURCE_VALUE);
        assertThat(header(deadLetter, "__streams.errors.exception"))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(deadLetter, "__streams.errors.message")).isEqualTo("value does not fit the schema");
        assertThat(header(deadLetter, "__streams.errors.topic")).isEqualTo("netpulse.counters");
        assertThat(header(deadLetter, "__streams.errors.partition")).isEqualTo("2");
        assertThat(header(deadLetter, "__streams.errors.offset")).isEqualTo("41");
    }

    @Test
    void retriableSendErrorIsRetried() {
        Response response = handler.handleError(context, output, new TimeoutException("broker busy"));

        assertThat(response.result()).isEqualTo(Result.RETRY);
    }

    @Test
    void otherSendErrorFailsTheThreadRatherThanLoseOutput() {
        Response response = handler.handleError(context, output, new InvalidTopicException("no such topic"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void aRecordTooLargeToSendDeadLettersItsSourceRecordAndResumes() {
        Response response = handler.handleError(context, output,
                new RecordTooLargeException("The record for netpulse.interface-rates is 20088 bytes"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("netpulse.dead-letter");
            assertThat(deadLetter.key()).isEqualTo(SOURCE_KEY);
            assertThat(deadLetter.value()).isEqualTo(SOURCE_VALUE);
            assertThat(header(deadLetter, "__streams.errors.exception"))
                    .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
            assertThat(header(deadLetter, "__streams.errors.message"))
                    .isEqualTo("The record for netpulse.interface-rates is 20088 bytes");
            assertThat(header(deadLetter, "__streams.errors.topic")).isEqualTo("netpulse.counters");
            assertThat(header(deadLetter, "__streams.errors.partition")).isEqualTo("2");
            assertThat(header(deadLetter, "__streams.errors.offset")).isEqualTo("41");
        });
    }

    @Test
    void aDeadLetterTooLargeToSendIsDroppedRatherThanDeadLetteredAgain() {
        ProducerRecord<byte[], byte[]> deadLetter =
                new ProducerRecord<>("netpulse.dead-letter", SOURCE_KEY, SOURCE_VALUE);

        Response response = handler.handleError(context, deadLetter, new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
