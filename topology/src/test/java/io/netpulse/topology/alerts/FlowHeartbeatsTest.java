package io.netpulse.topology.alerts;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.topology.CompactBytes;
import io.netpulse.topology.sourcestats.FlowCountsBatch;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class FlowHeartbeatsTest {

    private static final String EXPORTER = "10.0.0.1";
    private static final long T = T0.toEpochMilli();

    /** A batch of one flow per instant, in the repartition's own format: a format byte 1, the count, each second. */
    private static FlowCountsBatch batch(long... instants) {
        CompactBytes.Out out = new CompactBytes.Out();
        out.put((byte) 1);
        out.unsigned(instants.length);
        long previous = 0;
        for (long at : instants) {
            out.signed(at - previous);
            previous = at;
            out.signed(1);
            out.signed(100);
            out.signed(0);
            out.signed(1);
            out.signed(0);
        }
        return FlowCountsBatch.serde(new AvroSerdes(new InMemorySchemaRegistry())).deserializer()
                .deserialize("flow-stats-by-source", out.toByteArray());
    }

    @Test
    void everySecondOfABatchLaterThanTheLastForwardedIsForwardedInTheBatchsOrder() {
        FlowHeartbeats heartbeats = new FlowHeartbeats();
        MockProcessorContext<String, Long> context = new MockProcessorContext<>();
        heartbeats.init(context);

        // seconds 1, 0 (earlier: thinned), 3, 3 again (the same second: thinned)
        heartbeats.process(new Record<>(EXPORTER, batch(T + 1_200, T + 500, T + 3_900, T + 3_100), T + 3_900));
        // second 2 is behind second 3, forwarded by the batch before; second 5 is new
        heartbeats.process(new Record<>(EXPORTER, batch(T + 2_000, T + 5_000), T + 5_000));

        List<Long> forwarded = context.forwarded().stream().map(captured -> (Long) captured.record().value())
                .toList();
        assertThat(forwarded).containsExactly(T + 1_000, T + 3_000, T + 5_000);
        assertThat(context.forwarded().stream().map(captured -> captured.record().timestamp()).toList())
                .containsExactly(T + 1_000, T + 3_000, T + 5_000);
    }
}
