package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams' producer sends every dead letter fitted to the bound, refuses any other record above it through the
 * callback without the record reaching Kafka (whose own refusal would poison an exactly-once transaction), and sends
 * everything else untouched.
 */
class DeadLetterGuardedProducerTest {

    private static final String DEAD_LETTER = "netpulse.dead-letter";

    private final MockProducer<byte[], byte[]> kafka =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeadLetterGuardedProducer producer =
            new DeadLetterGuardedProducer(kafka, Optional.of(DEAD_LETTER), new DeadLetterBound(10_000));
    private final List<Exception> callbacks = new ArrayList<>();

    @Test
    void aDeadLetterLargerThanTheBoundIsSentCutToFit() {
        byte[] value = new byte[50_000];

        producer.send(new ProducerRecord<>(DEAD_LETTER, 0, null, value), (metadata, e) -> callbacks.add(e));

        assertThat(kafka.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo(DEAD_LETTER);
            assertThat(sent.value()).hasSizeLessThan(10_000);
            assertThat(DeadLetterBound.sizeOf(sent)).isEqualTo(10_000);
            assertThat(new String(sent.headers().lastHeader("__netpulse.errors.original.size").value(),
                    StandardCharsets.UTF_8)).isEqualTo("50000");
        });
        assertThat(callbacks).containsExactly((Exception) null);
    }

    @Test
    void anyOtherRecordLargerThanTheBoundIsRefusedThroughItsCallbackWithoutReachingKafka() {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>("netpulse-telegraf-repartition", 1, new byte[] {1}, new byte[20_000]);

        Future<RecordMetadata> sent = producer.send(record, (metadata, e) -> callbacks.add(e));

        assertThat(kafka.history()).isEmpty();
        // 20,088 = 61 (batch) + 21 (record overhead) + key (1 + 1) + value (3 + 20,000) + no headers (1).
        assertThat(callbacks).hasSize(1);
        assertThat(callbacks.getFirst()).isInstanceOf(RecordTooLargeException.class)
                .hasMessage("The record for netpulse-telegraf-repartition is 20088 bytes, more than the 10000 bytes"
                        + " the producer sends (max.request.size, and the dead-letter topic's max.message.bytes)");
        assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void recordsWithinTheBoundAreSentAsTheyAre() {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>("netpulse.interface-rates", 3, new byte[] {1}, new byte[9_000]);

        producer.send(record, (metadata, e) -> callbacks.add(e));

        assertThat(kafka.history()).containsExactly(record);
        assertThat(callbacks).containsExactly((Exception) null);
    }
}
