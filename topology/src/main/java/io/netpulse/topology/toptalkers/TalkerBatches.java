package io.netpulse.topology.toptalkers;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The flows of one scope joined in their order before the repartition ({@link io.netpulse.topology.Combiner}), so
 * a busy scope's flows cross {@code top-talkers-by-scope} a thousand to a record rather than one by one. A batch
 * holds at most {@value #MAX_FLOWS} flows: with canonical addresses and exporters of at most 45 characters, under
 * 200 KB.
 */
final class TalkerBatches {

    static final int MAX_FLOWS = 1_000;
    /** The first byte of a batch; a single {@link TalkerFlow} (earlier versions) starts with an even byte. */
    static final byte FORMAT = 1;

    private TalkerBatches() {
    }

    static TalkerFlows of(TalkerFlow flow) {
        List<TalkerFlow> flows = new ArrayList<>(1);
        flows.add(flow);
        return new TalkerFlows(flows);
    }

    static boolean fits(TalkerFlows held, TalkerFlows next) {
        return held.getFlows().size() + next.getFlows().size() <= MAX_FLOWS;
    }

    /** {@code held} with {@code next}'s flows after its own ({@code held} is changed: it is the combiner's own). */
    static TalkerFlows plus(TalkerFlows held, TalkerFlows next) {
        held.getFlows().addAll(next.getFlows());
        return held;
    }

    /**
     * The repartition's serde: {@value #FORMAT}, then the batch in bare Avro. A single {@link TalkerFlow} written by
     * an earlier version reads as a batch of one: it starts with the zigzag length of its exporter, an even byte.
     */
    static Serde<TalkerFlows> serde(AvroSerdes serdes) {
        Serde<TalkerFlows> batch = serdes.internal(TalkerFlows.class);
        Serde<TalkerFlow> single = serdes.internal(TalkerFlow.class);
        Serializer<TalkerFlows> serializer = (topic, flows) -> {
            if (flows == null) {
                return null;
            }
            byte[] avro = batch.serializer().serialize(topic, flows);
            byte[] bytes = new byte[avro.length + 1];
            bytes[0] = FORMAT;
            System.arraycopy(avro, 0, bytes, 1, avro.length);
            return bytes;
        };
        Deserializer<TalkerFlows> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == FORMAT) {
                return batch.deserializer().deserialize(topic, Arrays.copyOfRange(bytes, 1, bytes.length));
            }
            return of(single.deserializer().deserialize(topic, bytes));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
