package io.netpulse.topology.toptalkers;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.topology.CompactBytes;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The flows of one scope joined in their order before the repartition ({@link io.netpulse.topology.Combiner}), so
 * a busy scope's flows cross {@code top-talkers-by-scope} a thousand to a record rather than one by one. A batch
 * holds at most {@value #MAX_FLOWS} flows: with canonical addresses and exporters of at most 45 characters, under
 * 200 KB.
 */
public final class TalkerBatches {

    static final int MAX_FLOWS = 1_000;
    /**
     * The first byte of a batch, odd: a single {@link TalkerFlow} (the oldest versions) starts with the even zigzag
     * length of its exporter.
     */
    static final byte FORMAT = 3;
    /** The first byte of a batch in bare Avro, as the version before wrote it. */
    static final byte AVRO_FORMAT = 1;
    /** The fewest bytes a flow takes: its exporter's tag, two empty addresses, its counts and its time. */
    private static final int MIN_FLOW_BYTES = 6;
    private static final int SAME_EXPORTER = 0;
    private static final int NEW_EXPORTER = 1;

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
     * The repartition's serde: {@value #FORMAT}, the number of flows, then per flow its exporter (0: the flow
     * before's; 1 and the text), its addresses (length and UTF-8), its bytes and packets (zigzag) and the zigzag
     * difference of its time from the flow before's, in milliseconds: about 35 bytes for an IPv4 flow, where Avro
     * took about 50 and a fifteenth of the stream threads' time to write and read. A batch in Avro ({@value
     * #AVRO_FORMAT}) and a single {@link TalkerFlow}, which earlier versions wrote, still read.
     */
    public static Serde<TalkerFlows> serde(AvroSerdes serdes) {
        Deserializer<TalkerFlows> avroBatch = serdes.internal(TalkerFlows.class).deserializer();
        Deserializer<TalkerFlow> single = serdes.internal(TalkerFlow.class).deserializer();
        return CompactBytes.serde(TalkerFlows.class, FORMAT, TalkerBatches::write, TalkerBatches::read,
                (topic, bytes) -> bytes.length > 0 && bytes[0] == AVRO_FORMAT
                        ? avroBatch.deserialize(topic, Arrays.copyOfRange(bytes, 1, bytes.length))
                        : of(single.deserialize(topic, bytes)));
    }

    private static void write(CompactBytes.Out out, TalkerFlows batch) {
        if (batch.getFlows().isEmpty()) {
            throw new IllegalArgumentException("a batch of top-talker flows holds at least one");
        }
        out.unsigned(batch.getFlows().size());
        String exporter = null;
        long previous = 0;
        for (TalkerFlow flow : batch.getFlows()) {
            if (flow.getExporter().equals(exporter)) {
                out.unsigned(SAME_EXPORTER);
            } else {
                exporter = flow.getExporter();
                out.unsigned(NEW_EXPORTER);
                out.string(exporter);
            }
            out.string(flow.getSrcAddr());
            out.string(flow.getDstAddr());
            out.signed(flow.getBytes());
            out.signed(flow.getPackets());
            long at = flow.getCountedAt().toEpochMilli();
            out.signed(at - previous);
            previous = at;
        }
    }

    private static TalkerFlows read(CompactBytes.In in) {
        long count = in.unsigned();
        if (count < 1 || count > in.remaining() / MIN_FLOW_BYTES) {
            throw in.corrupt(count + " flows in " + in.remaining() + " bytes");
        }
        List<TalkerFlow> flows = new ArrayList<>((int) count);
        String exporter = null;
        long at = 0;
        for (int i = 0; i < count; i++) {
            long tag = in.unsigned();
            if (tag == NEW_EXPORTER) {
                exporter = in.string();
            } else if (tag != SAME_EXPORTER || exporter == null) {
                throw in.corrupt("flow " + i + " has exporter tag " + tag);
            }
            String src = in.string();
            String dst = in.string();
            long flowBytes = in.signed();
            long packets = in.signed();
            at += in.signed();
            flows.add(new TalkerFlow(exporter, src, dst, flowBytes, packets, Instant.ofEpochMilli(at)));
        }
        return new TalkerFlows(flows);
    }
}
