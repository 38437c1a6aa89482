package io.netpulse.topology;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The varints of netpulse's compact store and repartition values, each a version byte followed by what its own
 * format lays out with these: small numbers, deltas above all, take a byte or two.
 */
public final class CompactBytes {

    private CompactBytes() {
    }

    /** Writes a value's fields after its format byte. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(Out out, T value);
    }

    /** Reads a value's fields after its format byte; what is left over makes the value corrupt. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(In in);
    }

    /**
     * The serde of a compact format: {@code format}, then what {@code writer} writes, read back by {@code reader} to
     * the last byte. A value whose first byte is not {@code format} (or that has none) is left to {@code earlier}:
     * the form an earlier version wrote, or a refusal.
     */
    public static <T> Serde<T> serde(Class<?> type, byte format, Writer<? super T> writer, Reader<T> reader,
                                     Deserializer<T> earlier) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Out out = new Out();
            out.put(format);
            writer.write(out, value);
            return out.toByteArray();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0 || bytes[0] != format) {
                return earlier.deserialize(topic, bytes);
            }
            In in = new In(bytes, type);
            T value = reader.read(in);
            in.end();
            return value;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The exception for a value that is not a {@code type}, saying {@code why}: one wording for every format. */
    public static SerializationException corrupt(Class<?> type, String why) {
        return new SerializationException("not a " + type.getSimpleName() + ": " + why);
    }

    /** A growing byte array with varint writers. */
    public static final class Out {
        private byte[] bytes = new byte[64];
        private int size;

        /** One byte as it is. */
        public void put(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        /** All 64 bits of {@code value} as an unsigned varint: a counter above 2^63 too. */
        public void unsigned(long value) {
            while ((value & ~0x7FL) != 0) {
                put((byte) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            put((byte) value);
        }

        /** A zigzag varint: small values of either sign (a delta) take a byte or two. */
        public void signed(long value) {
            unsigned((value << 1) ^ (value >> 63));
        }

        /** The UTF-8 length as a varint, then the bytes. */
        public void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length);
            for (byte b : utf8) {
                put(b);
            }
        }

        /** The epoch second (zigzag) and the nanosecond: every instant reads back exactly. */
        public void instant(Instant value) {
            signed(value.getEpochSecond());
            unsigned(value.getNano());
        }

        /** What was written. */
        public byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /**
     * A reader over one value, from the byte after its version byte, that turns every inconsistency into a
     * {@link SerializationException} naming {@code type}.
     */
    public static final class In {
        private static final int MAX_VARINT_BYTES = 10;
        private static final long NANOS_PER_SECOND = 1_000_000_000L;
        private final byte[] bytes;
        private final Class<?> type;
        private int position = 1;

        /** A reader of {@code bytes}, a value of {@code type}, past its version byte. */
        public In(byte[] bytes, Class<?> type) {
            this.bytes = bytes;
            this.type = type;
        }

        /** The next byte. */
        public byte get() {
            if (position >= bytes.length) {
                throw corrupt("truncated at byte " + position);
            }
            return bytes[position++];
        }

        /** How many bytes are left to read. */
        public int remaining() {
            return bytes.length - position;
        }

        /** The next unsigned varint, as written by {@link Out#unsigned}. */
        public long unsigned() {
            long value = 0;
            for (int i = 0; i < MAX_VARINT_BYTES; i++) {
                byte b = get();
                value |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw corrupt("varint longer than " + MAX_VARINT_BYTES + " bytes");
        }

        /** The next zigzag varint. */
        public long signed() {
            long raw = unsigned();
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** The next zigzag varint, which must fit an int. */
        public int signedInt() {
            long value = signed();
            if (value != (int) value) {
                throw corrupt("int out of range: " + value);
            }
            return (int) value;
        }

        /** The next string. */
        public String string() {
            long length = unsigned();
            if (length < 0 || length > bytes.length - position) {
                throw corrupt("string of " + length + " bytes at byte " + position);
            }
            String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return value;
        }

        /** The next instant. */
        public Instant instant() {
            long seconds = signed();
            long nanos = unsigned();
            if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
                throw corrupt("nanosecond out of range: " + nanos);
            }
            try {
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (DateTimeException | ArithmeticException e) {
                throw corrupt("instant out of range: " + seconds + " s " + nanos + " ns");
            }
        }

        /** Fails unless the value was read to its last byte. */
        public void end() {
            if (position != bytes.length) {
                throw corrupt((bytes.length - position) + " bytes after the value");
            }
        }

        /** The exception for a value that is not a {@code type}, saying {@code why}. */
        public SerializationException corrupt(String why) {
            return CompactBytes.corrupt(type, why);
        }
    }
}
