package io.netpulse.topology.inputs.counters;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CounterSampleParserTest {

    private static final String TOPIC = "netpulse.counters";

    private final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
    private final CounterSampleParser parser = new CounterSampleParser(serdes);

    private static CounterSample.Builder valid() {
        return CounterSample.newBuilder()
                .setDevice("edge-1").setIfIndex(3).setPollTime(T0).setSysUpTime(100L)
                .setInOctets(1_000L).setOutOctets(2_000L).setCounterWidth(64).setIfSpeed(1_000_000_000L);
    }

    private byte[] framed(CounterSample sample) {
        return serdes.framed(CounterSample.class).serializer().serialize(TOPIC, sample);
    }

    @Test
    void acceptsAValidSample() {
        CounterSample sample = valid().setInterfaceId("9f9510bd-1234-5678-a7cf-f845a39e26db").build();

        assertThat(parser.parse(TOPIC, null, framed(sample))).isEqualTo(new Parsed.Accepted<>(java.util.List.of(sample)));
    }

    @Test
    void acceptsA64BitCounterAboveLongMaxValue() {
        // 2^63 + 5 as an unsigned 64-bit counter is the long -9223372036854775803.
        CounterSample sample = valid().setInOctets(Long.MIN_VALUE + 5).build();

        assertThat(parser.parse(TOPIC, null, framed(sample))).isEqualTo(Parsed.accepted(sample));
    }

    @Test
    void rejectsBytesThatAreNotConfluentFramed() {
        Parsed<CounterSample> parsed = parser.parse(TOPIC, null, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isEqualTo(Parsed.rejected("not in the Confluent Avro wire format (magic byte 0 and a"
                + " 4-byte schema id): 5 bytes starting with 0x68"));
    }

    @Test
    void rejectsAnUnknownSchemaId() {
        byte[] bytes = {0, 0, 0, 0, 42, 1, 2};

        assertThat(parser.parse(TOPIC, null, bytes)).isEqualTo(Parsed.rejected(
                "not a CounterSample: the registry does not know its schema id (Schema 42 not found)"));
    }

    @Test
    void rejectsATombstone() {
        assertThat(parser.parse(TOPIC, null, null))
                .isEqualTo(Parsed.rejected("null value: a counter sample topic carries no tombstones"));
    }

    static Stream<Arguments> invalidSamples() {
        return Stream.of(
                Arguments.of("empty device", (Consumer<CounterSample.Builder>) b -> b.setDevice(""),
                        "device is empty"),
                Arguments.of("device with the key separator", (Consumer<CounterSample.Builder>) b -> b.setDevice("a|b"),
                        "device 'a|b' contains '|', the interface key separator"),
                Arguments.of("ifIndex 0", (Consumer<CounterSample.Builder>) b -> b.setIfIndex(0),
                        "ifIndex 0 is below 1"),
                Arguments.of("counter width 16", (Consumer<CounterSample.Builder>) b -> b.setCounterWidth(16),
                        "counterWidth 16 is neither 32 nor 64"),
                Arguments.of("32-bit inOctets at 2^32", (Consumer<CounterSample.Builder>) b ->
                                b.setCounterWidth(32).setInOctets(4_294_967_296L),
                        "inOctets 4294967296 is outside [0, 2^32) of a 32-bit counter"),
                Arguments.of("32-bit outOctets negative", (Consumer<CounterSample.Builder>) b ->
                                b.setCounterWidth(32).setOutOctets(-1L),
                        "outOctets -1 is outside [0, 2^32) of a 32-bit counter"),
                Arguments.of("sysUpTime at 2^32", (Consumer<CounterSample.Builder>) b -> b.setSysUpTime(4_294_967_296L),
                        "sysUpTime 4294967296 is outside [0, 2^32) of a 32-bit TimeTicks value"),
                Arguments.of("negative ifSpeed", (Consumer<CounterSample.Builder>) b -> b.setIfSpeed(-5L),
                        "ifSpeed -5 is negative"),
                Arguments.of("interfaceId not a UUID", (Consumer<CounterSample.Builder>) b -> b.setInterfaceId("eth0"),
                        "interfaceId 'eth0' is not a UUID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void rejectsInvalidSamplesWithTheirReason(String description, Consumer<CounterSample.Builder> change,
                                              String reason) {
        CounterSample.Builder builder = valid();
        change.accept(builder);

        assertThat(parser.parse(TOPIC, null, framed(builder.build()))).isEqualTo(Parsed.rejected(reason));
    }
}
