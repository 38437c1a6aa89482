package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The processing (and deserialization, and production) handlers tell a record's fault, which is dead-lettered, from
 * a schema registry outage, which fails the task so the record is processed again rather than lost.
 */
class NetpulseProcessingExceptionHandlerTest {

    private static final byte[] SOURCE_KEY = "ams-edge-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOURCE_VALUE = {0, 0, 0, 0, 7, 2, 4};
    private static final Map<String, String> CONFIG =
            Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "netpulse.dead-letter");

    private final NetpulseProcessingExceptionHandler handler = new NetpulseProcessingExceptionHandler();
    private final ErrorHandlerContext context = new DefaultErrorHandlerContext(null, "netpulse.counters", 3, 117L,
            new RecordHeaders(), "counters-parse", new TaskId(1, 3), 1_767_225_600_000L, SOURCE_KEY, SOURCE_VALUE);
    private final Record<byte[], byte[]> record = new Record<>(SOURCE_KEY, SOURCE_VALUE, 1_767_225_600_000L);

    @BeforeEach
    void configure() {
        handler.configure(CONFIG);
    }

    @Test
    void aRecordThatMakesAProcessorThrowGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        Response response = handler.handleError(context, record, new IllegalArgumentException("ifIndex 0"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("netpulse.dead-letter");
            assertThat(deadLetter.key()).isEqualTo(SOURCE_KEY);
            assertThat(deadLetter.value()).isEqualTo(SOURCE_VALUE);
            assertThat(header(deadLetter, "__streams.errors.exception"))
                    .isEqualTo("java.lang.IllegalArgumentException");
            assertThat(header(deadLetter, "__streams.errors.message")).isEqualTo("ifIndex 0");
            assertThat(header(deadLetter, "__streams.errors.topic")).isEqualTo("netpulse.counters");
            assertThat(header(deadLetter, "__streams.errors.partition")).isEqualTo("3");
            assertThat(header(deadLetter, "__streams.errors.offset")).isEqualTo("117");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "registry unreachable, 0, 0",
        "registry store error, 500, 50001",
        "registry behind a failing proxy, 502, 502",
        "netpulse's credentials refused, 401, 401",
        "netpulse not allowed to read, 403, 403",
        "registry asks to slow down, 429, 429"
    })
    void aRegistryOutageFailsTheTaskSoTheRecordIsProcessedAgainNotLost(String description, int status, int code) {
        RuntimeException outage = new IllegalStateException("parsing failed",
                new SchemaRegistryException(status, code, description));

        Response response = handler.handleError(context, record, outage);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsTheRecordsFault() {
        Response response = handler.handleError(context, record, SchemaRegistryException.schemaNotFound(7));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
    }

    @Test
    void withoutADeadLetterTopicABadRecordIsOnlyLoggedAndSkipped() {
        NetpulseProcessingExceptionHandler unconfigured = new NetpulseProcessingExceptionHandler();
        unconfigured.configure(Map.of());

        Response response = unconfigured.handleError(context, record, new IllegalArgumentException("bad"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void deserializationHandlerDeadLettersBadBytesButFailsOnARegistryOutage() {
        NetpulseDeserializationExceptionHandler deserialization = new NetpulseDeserializationExceptionHandler();
        deserialization.configure(CONFIG);
        ConsumerRecord<byte[], byte[]> read = new ConsumerRecord<>("netpulse.directory", 0, 12L, SOURCE_KEY,
                SOURCE_VALUE);

        DeserializationExceptionHandler.Response bad = deserialization.handleError(context, read,
                new SerializationException("not a valid InventoryEntry Avro body"));
        DeserializationExceptionHandler.Response outage = deserialization.handleError(context, read,
                new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                        "connection refused"));

        assertThat(bad.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(bad.deadLetterQueueRecords()).singleElement()
                .satisfies(deadLetter -> assertThat(deadLetter.topic()).isEqualTo("netpulse.dead-letter"));
        assertThat(outage.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(outage.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void productionHandlerFailsRatherThanDeadLetterWhenTheRegistryCannotRegisterTheOutputSchema() {
        DeadLetterProductionExceptionHandler production = new DeadLetterProductionExceptionHandler();
        production.configure(CONFIG);
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("netpulse.interface-rates", new byte[] {1},
                new byte[] {2});

        ProductionExceptionHandler.Response response = production.handleSerializationError(context, output,
                new SchemaRegistryException(503, 503, "registry starting"), SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
