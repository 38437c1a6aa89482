package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.topology.CompactFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * A scope's flows keep their order in a batch, a batch stops at its bound, and the repartition's format reads back
 * every batch exactly, and the Avro batches and single flows earlier versions wrote.
 */
class TalkerBatchesTest {

    private final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
    private final Serde<TalkerFlows> batches = TalkerBatches.serde(serdes);

    @Test
    void keepsTheFlowsInTheOrderTheyCameAndStopsAtItsBound() {
        TalkerFlow first = flow("192.0.2.1", 100);
        TalkerFlow second = flow("192.0.2.2", 200);
        TalkerFlows batch = TalkerBatches.plus(TalkerBatches.of(second), TalkerBatches.of(first));
        assertThat(batch.getFlows()).containsExactly(second, first);

        List<TalkerFlow> flows = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            flows.add(flow("192.0.2.3", i));
        }
        TalkerFlows held = new TalkerFlows(flows);
        assertThat(TalkerBatches.fits(held, TalkerBatches.of(first))).isTrue();
        TalkerBatches.plus(held, TalkerBatches.of(first));
        assertThat(TalkerBatches.fits(held, TalkerBatches.of(first))).isFalse();
    }

    @Test
    void aBatchIsItsFormatByteItsCountThenEachFlowWithItsExporterWrittenOnceInARow() throws IOException {
        TalkerFlows batch = TalkerBatches.plus(
                TalkerBatches.of(new TalkerFlow("10.0.0.1", "192.0.2.1", "203.0.113.9", 1500L, 1L, ms(1_000))),
                TalkerBatches.of(new TalkerFlow("10.0.0.1", "198.51.100.7", "203.0.113.9", 64L, 1L, ms(1_250))));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {3, 2});                                // the format, 2 flows
        expected.write(new byte[] {1, 8});                                // a new exporter, 8 bytes long
        expected.write(ascii("10.0.0.1"));
        expected.write(9);
        expected.write(ascii("192.0.2.1"));
        expected.write(11);
        expected.write(ascii("203.0.113.9"));
        // 1500 bytes: zigzag 3000 = 23 x 128 + 56, so 56 + 128 then 23; 1 packet: zigzag 2
        expected.write(new byte[] {(byte) 0xB8, 0x17, 2});
        // 1,000 ms after the epoch: zigzag 2000 = 15 x 128 + 80, so 80 + 128 then 15
        expected.write(new byte[] {(byte) 0xD0, 0x0F});
        expected.write(0);                                                // the same exporter as the flow before
        expected.write(12);
        expected.write(ascii("198.51.100.7"));
        expected.write(11);
        expected.write(ascii("203.0.113.9"));
        // 64 bytes: zigzag 128 = 1 x 128 + 0; 1 packet; 250 ms later: zigzag 500 = 3 x 128 + 116
        expected.write(new byte[] {(byte) 0x80, 0x01, 2, (byte) 0xF4, 0x03});

        byte[] bytes = batches.serializer().serialize("t", batch);
        assertThat(bytes).isEqualTo(expected.toByteArray()).hasSize(70);
        assertThat(batches.deserializer().deserialize("t", bytes).getFlows()).isEqualTo(batch.getFlows());
    }

    @Test
    void readsTheAvroBatchesAndTheSingleFlowsEarlierVersionsWrote() {
        TalkerFlow flow = flow("192.0.2.1", 1500);
        TalkerFlows batch = TalkerBatches.plus(TalkerBatches.of(flow), TalkerBatches.of(flow("198.51.100.7", 64)));

        byte[] avro = serdes.internal(TalkerFlows.class).serializer().serialize("t", batch);
        byte[] avroBatch = new byte[avro.length + 1];
        avroBatch[0] = TalkerBatches.AVRO_FORMAT;
        System.arraycopy(avro, 0, avroBatch, 1, avro.length);
        assertThat(batches.deserializer().deserialize("t", avroBatch).getFlows()).isEqualTo(batch.getFlows());

        byte[] single = serdes.internal(TalkerFlow.class).serializer().serialize("t", flow);
        assertThat(single[0] % 2).as("a single flow starts with an even byte").isZero();
        assertThat(batches.deserializer().deserialize("t", single).getFlows()).containsExactly(flow);
    }

    @Test
    void refusesACutBatchRatherThanReadingFewerFlows() {
        TalkerFlows batch = TalkerBatches.plus(TalkerBatches.of(flow("192.0.2.1", 1500)),
                TalkerBatches.of(flow("198.51.100.7", 64)));
        byte[] bytes = batches.serializer().serialize("t", batch);

        // the second flow's time cut off; then the batch cut right after its format byte
        assertThatThrownBy(() -> batches.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("TalkerFlows");
        assertThatThrownBy(() -> batches.deserializer().deserialize("t", new byte[] {TalkerBatches.FORMAT}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("TalkerFlows");
        // a first flow that names no exporter: tag 0, "the flow before's", with none before it
        byte[] noExporter = {TalkerBatches.FORMAT, 1, 0, 0, 0, 2, 2, 0};
        assertThatThrownBy(() -> batches.deserializer().deserialize("t", noExporter))
                .isInstanceOf(SerializationException.class).hasMessageContaining("flow 0 has exporter tag 0");
    }

    @Property(tries = 500)
    void everyBatchReadsBackAsWritten(@ForAll("flowLists") List<TalkerFlow> flows) {
        TalkerFlows batch = new TalkerFlows(new ArrayList<>(flows));

        assertThat(batches.deserializer().deserialize("t", batches.serializer().serialize("t", batch)).getFlows())
                .isEqualTo(flows);
    }

    @Property(tries = 2_000)
    void anyBytesAfterTheFormatByteReadOrAreASerializationException(@ForAll byte[] body) {
        CompactFormats.readsOrRefuses(batches.deserializer(), TalkerBatches.FORMAT, body);
    }

    @Provide
    Arbitrary<List<TalkerFlow>> flowLists() {
        // few exporters, so runs of one exporter and changes back and forth both occur
        Arbitrary<String> exporters = Arbitraries.of("192.0.2.1", "2001:db8::1", "");
        Arbitrary<String> addresses = Arbitraries.strings().ofMaxLength(45);
        Arbitrary<TalkerFlow> flow = Combinators.combine(exporters, addresses, addresses, Arbitraries.longs(),
                Arbitraries.longs(), Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L))
                .as((exporter, src, dst, bytes, packets, at) -> new TalkerFlow(exporter, src, dst, bytes, packets,
                        Instant.ofEpochMilli(at)));
        return flow.list().ofMinSize(1).ofMaxSize(TalkerBatches.MAX_FLOWS);
    }

    private static Instant ms(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static TalkerFlow flow(String source, long bytes) {
        return new TalkerFlow("10.0.0.1", source, "203.0.113.9", bytes, 1L, T0);
    }
}
