package io.netpulse.topology.sourcestats;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.topology.CompactFormats;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class FlowCountsBatchTest {

    private static final AvroSerdes SERDES = new AvroSerdes(new InMemorySchemaRegistry());
    private static final Serde<FlowCountsBatch> SERDE = FlowCountsBatch.serde(SERDES);

    private static FlowCounts counts(long atMs, long flows, long bytes, long badBytes, long packets,
                                     long badPackets) {
        return new FlowCounts(Instant.ofEpochMilli(atMs), flows, bytes, badBytes, packets, badPackets);
    }

    private static FlowCountsBatch batch(List<FlowCounts> seconds) {
        FlowCountsBatch batch = FlowCountsBatch.of(seconds.getFirst());
        for (FlowCounts counts : seconds.subList(1, seconds.size())) {
            FlowCountsBatch.plus(batch, FlowCountsBatch.of(counts));
        }
        return batch;
    }

    private static List<FlowCounts> readBack(byte[] bytes) {
        return SERDE.deserializer().deserialize("flow-stats-by-source", bytes).seconds();
    }

    @Test
    void flowsOfOneSecondAreSummedAtTheLatestInstantAndNewSecondsComeAfterTheOthers() {
        long t0 = T0.toEpochMilli();
        FlowCountsBatch batch = batch(List.of(
                counts(t0 + 10_500, 1, 100, 0, 1, 0),
                counts(t0 + 11_000, 2, 200, 50, 2, 1),
                counts(t0 + 10_900, 1, 300, 300, 3, 3),
                counts(t0 + 9_999, 1, 1, 0, 1, 0),
                counts(t0 + 10_100, 4, 400, 0, 4, 0)));

        // second 10: 1 + 1 + 4 flows, 100 + 300 + 400 bytes, at 10.9 s (the latest of 10.5, 10.9 and 10.1 s)
        assertThat(batch.seconds()).containsExactly(
                counts(t0 + 10_900, 6, 800, 300, 8, 3),
                counts(t0 + 11_000, 2, 200, 50, 2, 1),
                counts(t0 + 9_999, 1, 1, 0, 1, 0));
    }

    @Test
    void aBatchTakesAtMostItsSecondsLimit() {
        FlowCountsBatch held = FlowCountsBatch.of(counts(0, 1, 1, 0, 1, 0));
        for (int second = 1; second < FlowCountsBatch.MAX_SECONDS - 1; second++) {
            FlowCountsBatch.plus(held, FlowCountsBatch.of(counts(second * 1_000L, 1, 1, 0, 1, 0)));
        }
        FlowCountsBatch next = FlowCountsBatch.of(counts(500_000, 1, 1, 0, 1, 0));

        assertThat(held.seconds()).hasSize(FlowCountsBatch.MAX_SECONDS - 1);
        assertThat(FlowCountsBatch.fits(held, next)).isTrue();
        FlowCountsBatch.plus(held, next);
        assertThat(FlowCountsBatch.fits(held, FlowCountsBatch.of(counts(501_000, 1, 1, 0, 1, 0)))).isFalse();
    }

    @Test
    void aBatchIsAFormatByteItsCountThenEachSecondAsZigzagVarints() {
        FlowCountsBatch batch = batch(List.of(counts(1_000, 1, 100, 0, 2, 0), counts(2_500, 3, 64, 64, 1, 1)));

        byte[] bytes = SERDE.serializer().serialize("flow-stats-by-source", batch);

        // Zigzag doubles a non-negative value. 1,000 ms from 0 is 2,000 = 0x7D0: 0xD0, 0x0F; 100 bytes 200: 0xC8,
        // 0x01. 1,500 ms after the first is 3,000 = 0xBB8: 0xB8, 0x17; 64 bytes 128: 0x80, 0x01.
        assertThat(bytes).containsExactly(0x01, 0x02,
                0xD0, 0x0F, 0x02, 0xC8, 0x01, 0x00, 0x04, 0x00,
                0xB8, 0x17, 0x06, 0x80, 0x01, 0x80, 0x01, 0x02, 0x02);
        assertThat(readBack(bytes)).isEqualTo(batch.seconds());
    }

    @Test
    void aSecondInBareAvroAsEarlierVersionsWroteItReadsAsABatchOfOne() {
        FlowCounts second = counts(T0.toEpochMilli() + 1_234, 5, 5_000, 100, 50, 1);
        byte[] avro = SERDES.internal(FlowCounts.class).serializer().serialize("flow-stats-by-source", second);

        assertThat(avro[0] % 2).as("an instant after 1970 starts with an even byte").isZero();
        assertThat(readBack(avro)).containsExactly(second);
    }

    @Test
    void aValueThatIsNotABatchIsRefusedWithTheSerdesException() {
        byte[] two = SERDE.serializer().serialize("t",
                batch(List.of(counts(1_000, 1, 100, 0, 2, 0), counts(2_500, 3, 64, 64, 1, 1))));

        assertThatThrownBy(() -> readBack(Arrays.copyOf(two, two.length - 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a FlowCountsBatch: truncated at byte 18");
        byte[] trailing = Arrays.copyOf(two, two.length + 1);
        assertThatThrownBy(() -> readBack(trailing))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a FlowCountsBatch: 1 bytes after the value");
        // Three seconds announced in the 17 bytes of two: at least six bytes a second, so at most two.
        byte[] overcounted = two.clone();
        overcounted[1] = 3;
        assertThatThrownBy(() -> readBack(overcounted))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a FlowCountsBatch: 3 seconds in 17 bytes");
        assertThatThrownBy(() -> readBack(new byte[] {1, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a FlowCountsBatch: 0 seconds in 0 bytes");
    }

    @Property(tries = 500)
    void everyBatchReadsBackAsWritten(@ForAll("batches") List<FlowCounts> seconds) {
        FlowCountsBatch batch = batch(seconds);

        assertThat(readBack(SERDE.serializer().serialize("t", batch))).isEqualTo(batch.seconds());
    }

    @Property(tries = 2_000)
    void anyBytesAfterTheFormatByteReadOrAreASerializationException(@ForAll byte[] body) {
        CompactFormats.readsOrRefuses(SERDE.deserializer(), FlowCountsBatch.FORMAT, body);
    }

    @Provide
    Arbitrary<List<FlowCounts>> batches() {
        Arbitrary<FlowCounts> second = Combinators.combine(
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L),
                Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
                Arbitraries.longs()).as(FlowCountsBatchTest::counts);
        // Distinct seconds: a batch sums counts of one second, which random longs would overflow.
        return second.list().ofMinSize(1).ofMaxSize(FlowCountsBatch.MAX_SECONDS)
                .uniqueElements(counts -> Math.floorDiv(counts.getCountedAt().toEpochMilli(), 1_000L));
    }
}
