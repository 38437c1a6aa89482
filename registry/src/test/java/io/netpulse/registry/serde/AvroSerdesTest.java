package io.netpulse.registry.serde;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.store.InMemorySchemaRegistry.Change;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.registry.store.RegisteredSchema;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.schema.counter.CounterSample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Confluent wire format against bytes written by hand from the Avro specification: magic byte 0, the schema id
 * as 4 big-endian bytes, then the binary body (ints and longs as zig-zag base-128 varints, strings as a varint
 * length and UTF-8, a union as the varint branch index and the value).
 */
class AvroSerdesTest {

    static final String TOPIC = "netpulse.counters";
    static final Schema PING = new Schema.Parser().parse("""
            {"type": "record", "name": "Ping", "namespace": "io.netpulse.test",
             "fields": [{"name": "device", "type": "string"}]}""");
    /** CounterSample as an older exporter wrote it: without ifSpeed and ifName. */
    static final Schema COUNTER_SAMPLE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterSample", "namespace": "io.netpulse.schema.counter",
             "fields": [
               {"name": "device", "type": "string"},
               {"name": "ifIndex", "type": "int"},
               {"name": "interfaceId", "type": ["null", "string"], "default": null},
               {"name": "pollTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "sysUpTime", "type": ["null", "long"], "default": null},
               {"name": "inOctets", "type": "long"},
               {"name": "outOctets", "type": "long"},
               {"name": "counterWidth", "type": "int"}]}""");
    /** CounterSample as a newer exporter might write it: a field netpulse does not know yet, at the end. */
    static final Schema COUNTER_SAMPLE_WITH_VENDOR = new Schema.Parser().parse("""
            {"type": "record", "name": "CounterSample", "namespace": "io.netpulse.schema.counter",
             "fields": [
               {"name": "device", "type": "string"},
               {"name": "ifIndex", "type": "int"},
               {"name": "interfaceId", "type": ["null", "string"], "default": null},
               {"name": "pollTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "sysUpTime", "type": ["null", "long"], "default": null},
               {"name": "inOctets", "type": "long"},
               {"name": "outOctets", "type": "long"},
               {"name": "counterWidth", "type": "int"},
               {"name": "ifSpeed", "type": ["null", "long"], "default": null},
               {"name": "ifName", "type": ["null", "string"], "default": null},
               {"name": "vendor", "type": "string", "default": ""}]}""");

    static final CounterSample SAMPLE = CounterSample.newBuilder()
            .setDevice("r1")
            .setIfIndex(3)
            .setInterfaceId(null)
            .setPollTime(T0)
            .setSysUpTime(12345L)
            .setInOctets(1_000_000L)
            .setOutOctets(4_294_967_295L)
            .setCounterWidth(32)
            .setIfSpeed(1_000_000_000L)
            .setIfName("ge-0/0/1")
            .build();

    /** The Avro body of the fields SAMPLE shares with COUNTER_SAMPLE_V1. */
    static byte[] v1Body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(string("r1"));            // device
        out.writeBytes(varint(3));               // ifIndex
        out.writeBytes(varint(0));               // interfaceId: branch 0, null
        out.writeBytes(varint(1_767_225_600_000L)); // pollTime: T0 in epoch milliseconds
        out.writeBytes(varint(1));               // sysUpTime: branch 1, long
        out.writeBytes(varint(12_345));
        out.writeBytes(varint(1_000_000));       // inOctets
        out.writeBytes(varint(4_294_967_295L));  // outOctets
        out.writeBytes(varint(32));              // counterWidth
        return out.toByteArray();
    }

    /** The Avro body of SAMPLE in CounterSample's current schema. */
    static byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(v1Body());
        out.writeBytes(varint(1));               // ifSpeed: branch 1, long
        out.writeBytes(varint(1_000_000_000));
        out.writeBytes(varint(1));               // ifName: branch 1, string
        out.writeBytes(string("ge-0/0/1"));
        return out.toByteArray();
    }

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final Serde<CounterSample> framed = new AvroSerdes(registry).framed(CounterSample.class);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 00",
            "-1, 01",
            "1, 02",
            "-2, 03",
            "2, 04",
            "-64, 7f",
            "64, 80 01",
            "1767225600000, 80 a0 d5 ed ee 66",
            "4294967295, fe ff ff ff 1f"})
    void theTestsVarintsFollowTheAvroSpecification(long value, String hex) {
        assertThat(varint(value)).isEqualTo(hex(hex));
    }

    @Test
    void writesMagicByteBigEndianIdAndBody() {
        // Ids 1..258 are taken, so CounterSample gets 259 = 0x00000103 and the id's byte order shows.
        restore(new RegisteredSchema("other-value", 1, 258, PING));

        byte[] bytes = framed.serializer().serialize(TOPIC, SAMPLE);

        assertThat(bytes).isEqualTo(concat(hex("00 00 00 01 03"), body()));
        // The repository's file is registered, not the generated class's schema with its avro.java.string.
        assertThat(registry.latest("netpulse.counters-value")).contains(new RegisteredSchema(
                "netpulse.counters-value", 1, 259, RepositorySchemas.of(CounterSample.class)));
        assertThat(RepositorySchemas.of(CounterSample.class)).isNotEqualTo(CounterSample.getClassSchema());
    }

    @Test
    void readsMagicByteBigEndianIdAndBody() {
        restore(new RegisteredSchema("netpulse.counters-value", 1, 259, CounterSample.getClassSchema()));

        CounterSample read = framed.deserializer().deserialize(TOPIC, concat(hex("00 00 00 01 03"), body()));

        assertThat(read).isEqualTo(SAMPLE);
    }

    @Test
    void readsAnOlderWriterSchemaWithTheReadersDefaults() {
        restore(new RegisteredSchema("netpulse.counters-value", 1, 7, COUNTER_SAMPLE_V1));

        CounterSample read = framed.deserializer().deserialize(TOPIC, concat(hex("00 00 00 00 07"), v1Body()));

        assertThat(read).isEqualTo(CounterSample.newBuilder(SAMPLE).setIfSpeed(null).setIfName(null).build());
    }

    @Test
    void skipsAFieldTheReaderDoesNotKnow() {
        restore(new RegisteredSchema("netpulse.counters-value", 1, 8, COUNTER_SAMPLE_WITH_VENDOR));

        CounterSample read = framed.deserializer()
                .deserialize(TOPIC, concat(hex("00 00 00 00 08"), body(), string("acme")));

        assertThat(read).isEqualTo(SAMPLE);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(framed.serializer().serialize(TOPIC, null)).isNull();
        assertThat(framed.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects(InMemorySchemaRegistry.Deleted.INCLUDED)).isEmpty();
    }

    @Test
    void anotherMagicByteIsASerializationException() {
        assertThatThrownBy(() -> framed.deserializer().deserialize(TOPIC, concat(hex("01 00 00 00 01"), body())))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): "
                        + (5 + body().length) + " bytes starting with 0x01");
    }

    @Test
    void fewerThanFiveBytesIsASerializationException() {
        assertThatThrownBy(() -> framed.deserializer().deserialize(TOPIC, hex("00 00 01")))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): "
                        + "3 bytes starting with 0x00");
    }

    @Test
    void anUnknownIdIsTheRegistrysSchemaNotFound() {
        assertThatThrownBy(() -> framed.deserializer().deserialize(TOPIC, concat(hex("00 00 00 00 09"), body())))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void aTruncatedBodyIsASerializationException() {
        restore(new RegisteredSchema("netpulse.counters-value", 1, 1, CounterSample.getClassSchema()));
        byte[] body = body();
        byte[] truncated = new byte[body.length - 3];
        System.arraycopy(body, 0, truncated, 0, truncated.length);

        assertThatThrownBy(() -> framed.deserializer().deserialize(TOPIC, concat(hex("00 00 00 00 01"), truncated)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a valid CounterSample Avro body: ");
    }

    @Test
    void internalIsTheBareBody() {
        Serde<CounterSample> internal = new AvroSerdes(registry).internal(CounterSample.class);

        assertThat(internal.serializer().serialize("store-changelog", SAMPLE)).isEqualTo(body());
        assertThat(internal.deserializer().deserialize("store-changelog", body())).isEqualTo(SAMPLE);
        assertThat(registry.subjects(InMemorySchemaRegistry.Deleted.INCLUDED)).isEmpty();
    }

    /**
     * The encoder is buffered and kept per thread: a write that fails half-way leaves nothing behind in the next
     * value, and a value longer than the encoder's buffer (2 KiB) comes out whole.
     */
    @Test
    void aWriteThatFailsHalfWayLeavesNothingInTheNextAndALongValueComesOutWhole() {
        Serde<CounterSample> internal = new AvroSerdes(registry).internal(CounterSample.class);
        CounterSample broken = CounterSample.newBuilder(SAMPLE).build();
        broken.put("pollTime", null);            // device, ifIndex and interfaceId are buffered before this fails
        String longName = "x".repeat(3_000);
        CounterSample longSample = CounterSample.newBuilder(SAMPLE).setIfName(longName).build();

        assertThatThrownBy(() -> internal.serializer().serialize("store-changelog", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot write CounterSample: ");
        byte[] written = internal.serializer().serialize("store-changelog", longSample);

        assertThat(written).isEqualTo(concat(v1Body(), varint(1), varint(1_000_000_000), varint(1),
                string(longName)));
        assertThat(written).hasSize(v1Body().length + 1 + 5 + 1 + 2 + 3_000);
        assertThat(internal.serializer().serialize("store-changelog", SAMPLE)).isEqualTo(body());
    }

    /**
     * A record whose generated class has its own encoder (no logical types) is written by it: the bytes must stay
     * those of the Avro specification, which stores already hold. Two slots: an array block of 2, each slot's int
     * and five longs, then the block of 0 that ends the array.
     */
    @Test
    void aRecordWrittenByItsGeneratedEncoderIsTheSpecifiedBody() {
        Serde<SourceSeconds> internal = new AvroSerdes(registry).internal(SourceSeconds.class);
        SourceSeconds row = new SourceSeconds(List.of(new SecondSlot(10, 3L, 4_500L, 0L, 30L, 0L),
                new SecondSlot(59, 1L, 64L, 64L, 1L, 1L)));

        byte[] written = internal.serializer().serialize("store-changelog", row);

        assertThat(written).isEqualTo(concat(varint(2),
                varint(10), varint(3), varint(4_500), varint(0), varint(30), varint(0),
                varint(59), varint(1), varint(64), varint(64), varint(1), varint(1),
                varint(0)));
        assertThat(written).isEqualTo(hex("04 14 06 a8 46 00 3c 00 76 02 80 01 80 01 02 02 00"));
        assertThat(internal.deserializer().deserialize("store-changelog", written)).isEqualTo(row);
    }

    /**
     * The generated encoder writes the fields themselves: a row whose {@code get(int)} (the generic writer's way in)
     * refuses to answer is still written, with the same bytes.
     */
    @Test
    void aRecordWithAGeneratedEncoderIsNotReadThroughGet() {
        Serde<SourceSeconds> internal = new AvroSerdes(registry).internal(SourceSeconds.class);
        SourceSeconds row = new SourceSeconds(List.of(new SecondSlot(10, 3L, 4_500L, 0L, 30L, 0L))) {
            @Override
            public Object get(int field) {
                throw new UnsupportedOperationException("read through get(" + field + ")");
            }
        };

        assertThat(internal.serializer().serialize("store-changelog", row))
                .isEqualTo(hex("02 14 06 a8 46 00 3c 00 00"));
    }

    /** The generated encoder fails on a missing address after buffering the first talker: nothing of it stays. */
    @Test
    void aGeneratedEncoderThatFailsHalfWayLeavesNothingInTheNext() {
        Serde<TalkerList> internal = new AvroSerdes(registry).internal(TalkerList.class);
        Talker first = Talker.newBuilder().setAddress("192.0.2.1").setBytes(100L).setBytesError(0L)
                .setPackets(2L).setPacketsError(0L).build();
        Talker nameless = Talker.newBuilder(first).build();
        nameless.setAddress(null);
        TalkerList whole = TalkerList.newBuilder().setTalkers(List.of(first)).setOtherBytesMax(0L)
                .setOtherPacketsMax(0L).build();
        TalkerList broken = TalkerList.newBuilder(whole).setTalkers(List.of(first, nameless)).build();

        assertThatThrownBy(() -> internal.serializer().serialize("store-changelog", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot write TalkerList: ");
        byte[] written = internal.serializer().serialize("store-changelog", whole);

        assertThat(internal.deserializer().deserialize("store-changelog", written)).isEqualTo(whole);
        assertThat(written).startsWith(concat(varint(1), string("192.0.2.1"), varint(100)));
    }

    private void restore(RegisteredSchema version) {
        registry.apply(new Change.VersionWritten(version, false));
    }

    /** Avro's long encoding: zig-zag, then 7 bits per byte, least significant group first, high bit = more. */
    static byte[] varint(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return out.toByteArray();
    }

    static byte[] string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(varint(utf8.length), utf8);
    }

    static byte[] hex(String spaced) {
        String[] parts = spaced.trim().split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
