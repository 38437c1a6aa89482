package io.netpulse.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * The one place that decides what a dead letter looks like on the wire, so that any bad input record the broker
 * accepted can be dead-lettered, whatever its size.
 *
 * <p>A copy of a record the size of the broker's limit, plus the {@code __streams.errors.*} headers, does not fit
 * through the producer: sending it fails, and failing takes the stream thread down on that record at every restart.
 * Every dead letter therefore passes through {@link #fit} before it is sent (see {@link DeadLetterGuardedProducer}),
 * whichever path it took: Kafka Streams' own dead-letter queue, netpulse's exception handlers or the topology's
 * rejections. It always gains the size and SHA-256 of the original value; when the record would not fit in
 * {@link #maxBytes()}, the value is cut to fit (then the key, which also gains its own size and SHA-256); in the
 * pathological case of headers that alone do not fit, only the error headers are kept, reason and stack trace cut
 * short. {@link #maxBytes()} is the smaller of the producer's {@code max.request.size} and the dead-letter topic's
 * {@code max.message.bytes}, compared with Kafka's own upper bound of a record's batch size, the figure the producer
 * checks before it sends.
 *
 * @param maxBytes the largest batch, in bytes, that the producer sends and the dead-letter topic accepts
 */
record DeadLetterBound(int maxBytes) {

    /** Size in bytes of the original value, in decimal. */
    static final String ORIGINAL_SIZE = "__netpulse.errors.original.size";
    /** SHA-256 of the original value, in lowercase hex. */
    static final String ORIGINAL_SHA256 = "__netpulse.errors.original.sha256";
    /** Size in bytes of the original key, only when the key was cut. */
    static final String ORIGINAL_KEY_SIZE = "__netpulse.errors.original.key.size";
    /** SHA-256 of the original key, only when the key was cut. */
    static final String ORIGINAL_KEY_SHA256 = "__netpulse.errors.original.key.sha256";

    /** The dead-letter topic, a streams property that {@link NetpulseClientSupplier} hands to the producer. */
    static final String TOPIC_CONFIG = "netpulse.dead-letter.topic";
    /** The dead-letter topic's {@code max.message.bytes} as the broker reports it at start. */
    static final String TOPIC_MAX_MESSAGE_BYTES_CONFIG = "netpulse.dead-letter.max.message.bytes";

    /** What reason and stack trace are cut to when even the headers do not fit. */
    static final int SHORT_HEADER_BYTES = 1024;

    /** The headers kept when the headers alone do not fit: where the record was read, and why it failed. */
    private static final Set<String> ERROR_HEADERS = Set.of(
            ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME,
            ORIGINAL_SIZE, ORIGINAL_SHA256, ORIGINAL_KEY_SIZE, ORIGINAL_KEY_SHA256);
    private static final Set<String> CUT_HEADERS = Set.of(
            ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME);

    DeadLetterBound {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    /**
     * The bound of a producer configured with {@code producerConfigs}: its {@code max.request.size} (Kafka's
     * default when absent), lowered to {@value #TOPIC_MAX_MESSAGE_BYTES_CONFIG} when that is present.
     */
    static DeadLetterBound of(Map<String, ?> producerConfigs) {
        int maxRequestSize = intConfig(producerConfigs, ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        int topicMax = intConfig(producerConfigs, TOPIC_MAX_MESSAGE_BYTES_CONFIG, Integer.MAX_VALUE);
        return new DeadLetterBound(Math.min(maxRequestSize, topicMax));
    }

    /** Kafka's upper bound of the batch holding {@code record} alone: what the producer compares with its limit. */
    static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        return size(wrap(record.key()), wrap(record.value()), record.headers().toArray());
    }

    /**
     * The dead letter to send for {@code deadLetter}: the same topic, partition, timestamp, key, value and headers
     * plus {@link #ORIGINAL_SIZE} and {@link #ORIGINAL_SHA256} (for a non-null value), cut to fit as the type
     * describes. The original record and its headers are left untouched.
     */
    ProducerRecord<byte[], byte[]> fit(ProducerRecord<byte[], byte[]> deadLetter) {
        byte[] key = deadLetter.key();
        byte[] value = deadLetter.value();
        Headers headers = new RecordHeaders(deadLetter.headers().toArray());
        if (value != null) {
            put(headers, ORIGINAL_SIZE, Integer.toString(value.length));
            put(headers, ORIGINAL_SHA256, sha256(value));
        }
        ProducerRecord<byte[], byte[]> fitted = cutToFit(deadLetter, key, value, headers);
        if (fitted != null) {
            return fitted;
        }
        fitted = cutToFit(deadLetter, key, value, errorHeadersOnly(headers));
        return fitted != null ? fitted : record(deadLetter, empty(key), empty(value), errorHeadersOnly(headers));
    }

    /** The record with {@code headers}, its value and then its key cut as little as fits; null when nothing fits. */
    private ProducerRecord<byte[], byte[]> cutToFit(ProducerRecord<byte[], byte[]> original, byte[] key,
                                                    byte[] value, Headers headers) {
        Header[] all = headers.toArray();
        if (size(wrap(key), wrap(value), all) <= maxBytes) {
            return record(original, key, value, headers);
        }
        if (value != null && size(wrap(key), wrap(empty(value)), all) <= maxBytes) {
            int length = longestFitting(value.length, n -> size(wrap(key), ByteBuffer.wrap(value, 0, n), all));
            return record(original, key, Arrays.copyOf(value, length), headers);
        }
        if (key == null) {
            return null;
        }
        Headers withKey = new RecordHeaders(all);
        put(withKey, ORIGINAL_KEY_SIZE, Integer.toString(key.length));
        put(withKey, ORIGINAL_KEY_SHA256, sha256(key));
        Header[] allWithKey = withKey.toArray();
        ByteBuffer noValue = wrap(empty(value));
        if (size(ByteBuffer.wrap(key, 0, 0), noValue, allWithKey) > maxBytes) {
            return null;
        }
        int length = longestFitting(key.length, n -> size(ByteBuffer.wrap(key, 0, n), noValue, allWithKey));
        return record(original, Arrays.copyOf(key, length), empty(value), withKey);
    }

    /** The largest n in [0, upTo] with {@code size(n) <= maxBytes}, given that size(0) fits and size grows with n. */
    private int longestFitting(int upTo, IntUnaryOperator size) {
        int fits = 0;
        int tooLong = upTo + 1;
        while (tooLong - fits > 1) {
            int middle = fits + (tooLong - fits) / 2;
            if (size.applyAsInt(middle) <= maxBytes) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        return fits;
    }

    /** The error and netpulse headers alone, with the reason and the stack trace cut to a short prefix. */
    private static Headers errorHeadersOnly(Headers headers) {
        Headers kept = new RecordHeaders();
        for (Header header : headers) {
            if (!ERROR_HEADERS.contains(header.key())) {
                continue;
            }
            byte[] value = header.value();
            if (CUT_HEADERS.contains(header.key()) && value != null && value.length > SHORT_HEADER_BYTES) {
                value = Arrays.copyOf(value, utf8Boundary(value, SHORT_HEADER_BYTES));
            }
            kept.add(header.key(), value);
        }
        return kept;
    }

    /** The largest length up to {@code limit} that does not split a UTF-8 sequence of {@code text}. */
    private static int utf8Boundary(byte[] text, int limit) {
        int end = limit;
        while (end > 0 && (text[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    private static ProducerRecord<byte[], byte[]> record(ProducerRecord<byte[], byte[]> original, byte[] key,
                                                         byte[] value, Headers headers) {
        return new ProducerRecord<>(original.topic(), original.partition(), original.timestamp(), key, value,
                headers);
    }

    private static int size(ByteBuffer key, ByteBuffer value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, value, headers);
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static byte[] empty(byte[] bytes) {
        return bytes == null ? null : new byte[0];
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static int intConfig(Map<String, ?> configs, String name, int absent) {
        Object value = configs.get(name);
        if (value == null) {
            return absent;
        }
        return (Integer) ConfigDef.parseType(name, value, ConfigDef.Type.INT);
    }
}
