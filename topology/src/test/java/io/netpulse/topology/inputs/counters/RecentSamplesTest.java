package io.netpulse.topology.inputs.counters;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.topology.CompactFormats;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The recent polls' value: written as deltas from the poll before, the first form still read. */
class RecentSamplesTest {

    private static final Serde<RecentSamples> SERDE = RecentSamples.serde();
    private static final long SPEED = 10_000_000_000L;

    @Test
    void aMinutePollAfterTheFirstTakesSixteenBytes() {
        CounterReading first = reading(T0, 1_000_000_000L, 2_000_000_000L, 100_000_000L, SPEED);
        CounterReading second = reading(T0.plusSeconds(60), 1_075_000_000L, 2_037_500_000L, 100_006_000L, SPEED);
        RecentSamples recent = new RecentSamples(List.of(first, second));

        byte[] bytes = write(recent);

        // version 1 + count 1;
        // first: flags 1, width 64 1, T0 = 1,767,225,600,000 ms (zigzag 3.5e12 < 2^42: 6), in 1e9 (zigzag 2e9 < 2^35:
        // 5), out 2e9 (4e9: 5), uptime 1e8 (2e8 < 2^28: 4), speed 1e10 (2e10: 5) = 27;
        // second: flags 1, width 1, +60,000 ms (120,000 < 2^21: 3), +75,000,000 (150,000,000 < 2^28: 4),
        // +37,500,000 (75,000,000: 4), +6,000 ticks (12,000 < 2^14: 2), speed +0 (1) = 16
        assertThat(bytes).hasSize(2 + 27 + 16);
        assertThat(read(bytes)).isEqualTo(recent);
    }

    @Test
    void wrapsCountersAboveTwoToTheSixtyThirdAndMissingPartsReadBackExactly() {
        RecentSamples recent = new RecentSamples(List.of(
                new CounterReading(T0, OptionalLong.of(4_294_967_000L), 4_294_967_000L, 10L, 32,
                        OptionalLong.empty()),
                // a 32-bit wrap and the uptime's own wrap, the speed now known
                new CounterReading(T0.plusSeconds(10), OptionalLong.of(200L), 500L, 4_294_967_295L, 32,
                        OptionalLong.of(1_000_000_000L)),
                // no uptime polled, the width now 64, counters past 2^63 (negative as a long)
                new CounterReading(T0.plusSeconds(20), OptionalLong.empty(), Long.MIN_VALUE + 5, -1L, 64,
                        OptionalLong.of(1_000_000_000L)),
                new CounterReading(T0.plusSeconds(30), OptionalLong.of(1_200L), Long.MAX_VALUE, 0L, 64,
                        OptionalLong.empty())));

        assertThat(read(write(recent))).isEqualTo(recent);
    }

    @Test
    void aListOfTheFirstFormReadsAsWritten() {
        // version 1, an int count, then each reading behind a one-byte length: its version 1, flags (1 uptime,
        // 2 speed), time, in, out, width, then uptime and speed when flagged: 43 bytes with both, 27 with neither
        ByteBuffer version1 = ByteBuffer.allocate(1 + Integer.BYTES + 1 + 43 + 1 + 27).put((byte) 1).putInt(2)
                .put((byte) 43).put((byte) 1).put((byte) 3).putLong(T0.toEpochMilli()).putLong(1_000L).putLong(2_000L)
                .put((byte) 64).putLong(100L).putLong(SPEED)
                .put((byte) 27).put((byte) 1).put((byte) 0).putLong(T0.plusSeconds(60).toEpochMilli())
                .putLong(3_000L).putLong(4_000L).put((byte) 32);

        assertThat(read(version1.array())).isEqualTo(new RecentSamples(List.of(
                reading(T0, 1_000L, 2_000L, 100L, SPEED),
                new CounterReading(T0.plusSeconds(60), OptionalLong.empty(), 3_000L, 4_000L, 32,
                        OptionalLong.empty()))));
    }

    @Test
    void aTruncatedValueOrAnUnknownVersionIsASerializationException() {
        byte[] bytes = write(new RecentSamples(List.of(reading(T0, 1_000L, 2_000L, 100L, SPEED))));

        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> read(new byte[] {3, 0})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 3");
        assertThatThrownBy(() -> read(new byte[] {1, 0, 0})).isInstanceOf(SerializationException.class);
        // a count of a hundred million readings in three bytes is refused before anything is allocated for it
        assertThatThrownBy(() -> read(new byte[] {2, (byte) 0x80, (byte) 0xC2, (byte) 0xD7, 0x2F, 0, 64}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("100000000 readings");
        // a width other than 32 or 64: first reading, no flags, width 16
        assertThatThrownBy(() -> read(new byte[] {2, 1, 0, 16, 0, 0, 0})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("counter width 16");
    }

    @Property(tries = 2_000)
    void anyBytesOfEitherVersionReadOrAreASerializationException(
            @ForAll byte[] body, @ForAll("versions") byte version) {
        CompactFormats.readsOrRefuses(SERDE.deserializer(), version, body);
    }

    @Provide
    Arbitrary<Byte> versions() {
        return Arbitraries.of((byte) 1, (byte) 2);
    }

    @Property(tries = 500)
    void everyListReadsBackAsWritten(@ForAll("lists") RecentSamples recent) {
        assertThat(read(write(recent))).isEqualTo(recent);
    }

    @Provide
    Arbitrary<RecentSamples> lists() {
        Arbitrary<OptionalLong> optional = Arbitraries.longs().injectDuplicates(0.3).optional(0.7)
                .map(value -> value.map(OptionalLong::of).orElse(OptionalLong.empty()));
        Arbitrary<long[]> reading = Combinators.combine(Arbitraries.longs().between(1, 86_400_000L),
                Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(32L, 64L)).as((gap, in, out, width) ->
                        new long[] {gap, in, out, width});
        return Combinators.combine(reading.list().ofMaxSize(40), optional.list().ofSize(40),
                optional.list().ofSize(40), Arbitraries.longs().between(-1_000_000_000_000L, 4_000_000_000_000L))
                .as((parts, uptimes, speeds, start) -> {
                    List<CounterReading> readings = new ArrayList<>();
                    long time = start;
                    for (int i = 0; i < parts.size(); i++) {
                        long[] part = parts.get(i);
                        time += part[0];
                        readings.add(new CounterReading(Instant.ofEpochMilli(time), uptimes.get(i), part[1],
                                part[2], (int) part[3], speeds.get(i)));
                    }
                    return new RecentSamples(List.copyOf(readings));
                });
    }

    private static CounterReading reading(Instant time, long in, long out, long uptime, long speed) {
        return new CounterReading(time, OptionalLong.of(uptime), in, out, 64, OptionalLong.of(speed));
    }

    private static byte[] write(RecentSamples recent) {
        return SERDE.serializer().serialize("any", recent);
    }

    private static RecentSamples read(byte[] bytes) {
        return SERDE.deserializer().deserialize("any", bytes);
    }
}
