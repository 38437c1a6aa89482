package io.netpulse.topology.sourcestats;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.topology.CompactBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * One exporter's flow counts between two commits, summed per second, the seconds in the order they first came: what
 * crosses {@code flow-stats-by-source} ({@link io.netpulse.topology.Combiner}). An exporter read from a backlog
 * sends many seconds between two commits; one record for all of them costs one send, one read and one update of
 * its row, minute and hour downstream, where a record per second cost one each. A batch holds at most
 * {@value #MAX_SECONDS} seconds.
 *
 * <p>Each second is what a record of its own carried before: its counts summed, counted at the latest instant of
 * its flows; the statistics read them in the batch's order, as they read the records.
 */
public final class FlowCountsBatch {

    /** Seconds a batch holds at most: two minutes of an exporter's backlog. */
    static final int MAX_SECONDS = 120;
    /** The first byte of a batch; the single {@link FlowCounts} of earlier versions starts with an even byte. */
    static final byte FORMAT = 1;
    /** The fewest bytes a second takes: six one-byte varints. */
    private static final int MIN_SECOND_BYTES = 6;

    private final List<FlowCounts> seconds;

    private FlowCountsBatch(List<FlowCounts> seconds) {
        this.seconds = seconds;
    }

    /** The batch of one flow's counts. */
    public static FlowCountsBatch of(FlowCounts counts) {
        List<FlowCounts> seconds = new ArrayList<>(4);
        seconds.add(counts);
        return new FlowCountsBatch(seconds);
    }

    /** The seconds, each summed, in the order they first came. */
    public List<FlowCounts> seconds() {
        return Collections.unmodifiableList(seconds);
    }

    /** Whether {@code held} may take {@code next}'s seconds within {@value #MAX_SECONDS}, as new ones if need be. */
    static boolean fits(FlowCountsBatch held, FlowCountsBatch next) {
        return held.seconds.size() + next.seconds.size() <= MAX_SECONDS;
    }

    /**
     * {@code held} with {@code next}'s counts added, each to the second it counts at, a new second after the others
     * ({@code held} is changed: it is the combiner's own).
     */
    static FlowCountsBatch plus(FlowCountsBatch held, FlowCountsBatch next) {
        for (FlowCounts counts : next.seconds) {
            int same = held.indexOf(secondOf(counts));
            if (same < 0) {
                held.seconds.add(counts);
            } else {
                held.seconds.set(same, SecondSlots.sum(held.seconds.get(same), counts));
            }
        }
        return held;
    }

    /** The position of {@code second}, searched from the newest, where an exporter's next flow nearly always is. */
    private int indexOf(long second) {
        for (int i = seconds.size() - 1; i >= 0; i--) {
            if (secondOf(seconds.get(i)) == second) {
                return i;
            }
        }
        return -1;
    }

    private static long secondOf(FlowCounts counts) {
        return Math.floorDiv(counts.getCountedAt().toEpochMilli(), 1_000L);
    }

    /**
     * The repartition's serde: {@value #FORMAT}, the number of seconds, then per second the zigzag difference of its
     * instant (in milliseconds) from the second before (from 0 for the first) and its five counts as zigzag varints:
     * about 11 bytes a second where bare Avro took about 15. A {@link FlowCounts} in bare Avro, as earlier versions
     * wrote each second, reads as a batch of one: it starts with the zigzag varint of an instant after 1970, an even
     * byte.
     */
    public static Serde<FlowCountsBatch> serde(AvroSerdes serdes) {
        Deserializer<FlowCounts> single = serdes.internal(FlowCounts.class).deserializer();
        return CompactBytes.serde(FlowCountsBatch.class, FORMAT, FlowCountsBatch::write, FlowCountsBatch::read,
                (topic, bytes) -> of(single.deserialize(topic, bytes)));
    }

    private static void write(CompactBytes.Out out, FlowCountsBatch batch) {
        out.unsigned(batch.seconds.size());
        long previous = 0;
        for (FlowCounts counts : batch.seconds) {
            long at = counts.getCountedAt().toEpochMilli();
            out.signed(at - previous);
            previous = at;
            out.signed(counts.getFlows());
            out.signed(counts.getBytes());
            out.signed(counts.getBadBytes());
            out.signed(counts.getPackets());
            out.signed(counts.getBadPackets());
        }
    }

    private static FlowCountsBatch read(CompactBytes.In in) {
        long count = in.unsigned();
        if (count < 1 || count > in.remaining() / MIN_SECOND_BYTES) {
            throw in.corrupt(count + " seconds in " + in.remaining() + " bytes");
        }
        List<FlowCounts> seconds = new ArrayList<>((int) count);
        long at = 0;
        for (int i = 0; i < count; i++) {
            at += in.signed();
            seconds.add(new FlowCounts(Instant.ofEpochMilli(at), in.signed(), in.signed(), in.signed(), in.signed(),
                    in.signed()));
        }
        return new FlowCountsBatch(seconds);
    }
}
