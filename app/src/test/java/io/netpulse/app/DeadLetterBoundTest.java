package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/**
 * Every dead letter gains the size and SHA-256 of its original value and is cut, value first, then key, then
 * headers, to the smallest limit of the producer and the dead-letter topic. Expected lengths are worked out by hand
 * from Kafka's record format: a batch header of 61 bytes, at most 21 bytes of record overhead, and a zig-zag varint
 * length before the key, the value, the header count and each header's name and value.
 */
class DeadLetterBoundTest {

    private static final long TIMESTAMP = 1_767_225_600_000L;
    private static final byte[] KEY = "ams-edge-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDeadLetterThatFitsKeepsEverythingAndGainsTheSizeAndSha256OfItsValue() throws Exception {
        byte[] value = {0, 0, 0, 0, 7, 2, 4};
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(KEY, value, errorHeaders("not JSON", ""));

        ProducerRecord<byte[], byte[]> fitted = new DeadLetterBound(1_048_576).fit(deadLetter);

        assertThat(fitted.topic()).isEqualTo("netpulse.dead-letter");
        assertThat(fitted.partition()).isEqualTo(2);
        assertThat(fitted.timestamp()).isEqualTo(TIMESTAMP);
        assertThat(fitted.key()).isEqualTo(KEY);
        assertThat(fitted.value()).isEqualTo(value);
        assertThat(headers(fitted)).containsExactly(
                Map.entry("__streams.errors.exception", "io.netpulse.topology.ingest.RejectedRecord"),
                Map.entry("__streams.errors.message", "not JSON"),
                Map.entry("__streams.errors.stacktrace", ""),
                Map.entry("__streams.errors.topic", "telegraf"),
                Map.entry("__streams.errors.partition", "2"),
                Map.entry("__streams.errors.offset", "41"),
                Map.entry("__netpulse.errors.original.size", "7"),
                Map.entry("__netpulse.errors.original.sha256", sha256(value)));
        assertThat(deadLetter.headers().toArray()).as("the original record is left as it was").hasSize(6);
    }

    @Test
    void aValueTooLargeIsCutToFitAndKeepsItsOriginalSizeAndSha256() throws Exception {
        byte[] value = pattern(20_000);
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(KEY, value, errorHeaders("not JSON", ""));

        ProducerRecord<byte[], byte[]> fitted = new DeadLetterBound(10_000).fit(deadLetter);

        // 10,000 = 61 + 21 + key (1 + 10) + value (3 + 9,544) + headers 360: their count (1), exception
        // (1 + 26 + 1 + 42), message (1 + 24 + 1 + 8), stack trace (1 + 27 + 1 + 0), topic (1 + 22 + 1 + 8),
        // partition (1 + 26 + 1 + 1), offset (1 + 23 + 1 + 2), size (1 + 31 + 1 + 5), SHA-256 (1 + 33 + 2 + 64).
        assertThat(fitted.value()).isEqualTo(Arrays.copyOf(value, 9_544));
        assertThat(fitted.key()).isEqualTo(KEY);
        assertThat(headers(fitted)).contains(
                Map.entry("__netpulse.errors.original.size", "20000"),
                Map.entry("__netpulse.errors.original.sha256", sha256(value)),
                Map.entry("__streams.errors.topic", "telegraf"),
                Map.entry("__streams.errors.partition", "2"),
                Map.entry("__streams.errors.offset", "41"))
                .doesNotContainKey("__netpulse.errors.original.key.size");
        assertThat(kafkaSize(fitted)).as("what Kafka's producer checks").isEqualTo(10_000);
    }

    @Test
    void aKeyTooLargeEvenForAnEmptyValueIsCutTooAndGainsItsOwnSizeAndSha256() throws Exception {
        byte[] key = pattern(12_000);
        byte[] value = pattern(100);
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(key, value, errorHeaders("not JSON", ""));

        ProducerRecord<byte[], byte[]> fitted = new DeadLetterBound(10_000).fit(deadLetter);

        // 10,000 = 61 + 21 + key (3 + 9,410) + empty value (1) + headers 504: the 360 above with a 3-digit size
        // (359), key size (1 + 35 + 1 + 5) and key SHA-256 (1 + 37 + 2 + 64).
        assertThat(fitted.key()).isEqualTo(Arrays.copyOf(key, 9_410));
        assertThat(fitted.value()).isEmpty();
        assertThat(headers(fitted)).contains(
                Map.entry("__netpulse.errors.original.size", "100"),
                Map.entry("__netpulse.errors.original.sha256", sha256(value)),
                Map.entry("__netpulse.errors.original.key.size", "12000"),
                Map.entry("__netpulse.errors.original.key.sha256", sha256(key)));
        assertThat(kafkaSize(fitted)).isEqualTo(10_000);
    }

    @Test
    void headersThatAloneDoNotFitAreCutToTheErrorHeadersWithAShortStackTrace() throws Exception {
        byte[] value = pattern(3_000);
        // 341 three-byte characters and one more: cut at 1024 bytes, the last character would be split.
        String stackTrace = "€".repeat(400);
        Headers headers = errorHeaders("not JSON", stackTrace);
        headers.add("traceparent", new byte[20_000]);
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(KEY, value, headers);

        ProducerRecord<byte[], byte[]> fitted = new DeadLetterBound(10_000).fit(deadLetter);

        assertThat(fitted.value()).isEqualTo(value);
        assertThat(headers(fitted)).containsExactly(
                Map.entry("__streams.errors.exception", "io.netpulse.topology.ingest.RejectedRecord"),
                Map.entry("__streams.errors.message", "not JSON"),
                Map.entry("__streams.errors.stacktrace", "€".repeat(341)),
                Map.entry("__streams.errors.topic", "telegraf"),
                Map.entry("__streams.errors.partition", "2"),
                Map.entry("__streams.errors.offset", "41"),
                Map.entry("__netpulse.errors.original.size", "3000"),
                Map.entry("__netpulse.errors.original.sha256", sha256(value)));
    }

    @Test
    void aDeadLetterWithoutValueGainsNoValueHeaders() {
        ProducerRecord<byte[], byte[]> fitted = new DeadLetterBound(10_000)
                .fit(deadLetter(KEY, null, errorHeaders("cannot write", "")));

        assertThat(fitted.value()).isNull();
        assertThat(fitted.key()).isEqualTo(KEY);
        assertThat(headers(fitted)).doesNotContainKeys("__netpulse.errors.original.size",
                "__netpulse.errors.original.sha256");
    }

    @Test
    void theBoundIsTheSmallerOfTheProducersMaxRequestSizeAndTheTopicsMaxMessageBytes() {
        assertThat(DeadLetterBound.of(Map.of())).isEqualTo(new DeadLetterBound(1_048_576));
        assertThat(DeadLetterBound.of(Map.of("max.request.size", "500000"))).isEqualTo(new DeadLetterBound(500_000));
        assertThat(DeadLetterBound.of(Map.of("max.request.size", 2_097_152,
                "netpulse.dead-letter.max.message.bytes", 1_258_291))).isEqualTo(new DeadLetterBound(1_258_291));
        assertThat(DeadLetterBound.of(Map.of("netpulse.dead-letter.max.message.bytes", 1_048_588)))
                .isEqualTo(new DeadLetterBound(1_048_576));
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(byte[] key, byte[] value, Headers headers) {
        return new ProducerRecord<>("netpulse.dead-letter", 2, TIMESTAMP, key, value, headers);
    }

    /** The headers the topology writes for a rejected record from telegraf-2 at offset 41. */
    private static Headers errorHeaders(String message, String stackTrace) {
        Headers headers = new RecordHeaders();
        headers.add("__streams.errors.exception", utf8("io.netpulse.topology.ingest.RejectedRecord"));
        headers.add("__streams.errors.message", utf8(message));
        headers.add("__streams.errors.stacktrace", utf8(stackTrace));
        headers.add("__streams.errors.topic", utf8("telegraf"));
        headers.add("__streams.errors.partition", utf8("2"));
        headers.add("__streams.errors.offset", utf8("41"));
        return headers;
    }

    /** Bytes 0, 1, ..., 250, 0, 1, ...: a prefix of them is recognisable. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    /** The headers by name, in order (no name appears twice here). */
    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static int kafkaSize(ProducerRecord<byte[], byte[]> record) {
        Header[] headers = record.headers().toArray();
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), headers);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
