package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * A scope's flows keep their order in a batch, a batch stops at its bound, and the repartition's format reads the
 * single flows earlier versions wrote as batches of one.
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
    void writesFormatOneThenTheBatchAndReadsAnEarlierSingleFlowAsABatchOfOne() {
        TalkerFlow flow = flow("192.0.2.1", 1500);
        TalkerFlows batch = TalkerBatches.plus(TalkerBatches.of(flow), TalkerBatches.of(flow("198.51.100.7", 64)));

        byte[] bytes = batches.serializer().serialize("t", batch);
        // Format byte 1, then the Avro array: a block of 2 items (zigzag 4), the first flow's exporter "10.0.0.1"
        // (length 8, zigzag 16) first.
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[1]).isEqualTo((byte) 4);
        assertThat(bytes[2]).isEqualTo((byte) 16);
        assertThat(batches.deserializer().deserialize("t", bytes).getFlows()).isEqualTo(batch.getFlows());

        byte[] single = serdes.internal(TalkerFlow.class).serializer().serialize("t", flow);
        assertThat(single[0] % 2).as("a single flow starts with an even byte").isZero();
        assertThat(batches.deserializer().deserialize("t", single).getFlows()).containsExactly(flow);
    }

    @Test
    void refusesACutBatchRatherThanReadingFewerFlows() {
        TalkerFlows batch = TalkerBatches.plus(TalkerBatches.of(flow("192.0.2.1", 1500)),
                TalkerBatches.of(flow("198.51.100.7", 64)));
        byte[] bytes = batches.serializer().serialize("t", batch);

        // the second flow's last field (its time) cut off; then the batch cut right after its format byte
        assertThatThrownBy(() -> batches.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("TalkerFlows");
        assertThatThrownBy(() -> batches.deserializer().deserialize("t", new byte[] {TalkerBatches.FORMAT}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("TalkerFlows");
    }

    private static TalkerFlow flow(String source, long bytes) {
        return new TalkerFlow("10.0.0.1", source, "203.0.113.9", bytes, 1L, T0);
    }
}
