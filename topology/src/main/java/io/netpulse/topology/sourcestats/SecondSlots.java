package io.netpulse.topology.sourcestats;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.topology.inputs.flows.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-second row of a source device: one row per minute holding a slot for each second that had traffic.
 * Sixty one-second windows per minute would cost sixty store entries, keys and changelog records; one row
 * with at most sixty slots costs one. Pure.
 */
public final class SecondSlots {

    private SecondSlots() {
    }

    /** A minute without traffic yet. */
    public static SourceSeconds empty() {
        return new SourceSeconds(List.of());
    }

    /** What {@code flow} adds to its source device's statistics. */
    public static FlowCounts countsOf(Flow flow) {
        return new FlowCounts(flow.countedAt(), flow.flows(), flow.bytes(), flow.badBytes(), flow.packets(),
                flow.badPackets());
    }

    /** Both counts of one source and second as one, counted at the later of their instants. */
    public static FlowCounts sum(FlowCounts a, FlowCounts b) {
        return new FlowCounts(a.getCountedAt().isAfter(b.getCountedAt()) ? a.getCountedAt() : b.getCountedAt(),
                Math.addExact(a.getFlows(), b.getFlows()), Math.addExact(a.getBytes(), b.getBytes()),
                Math.addExact(a.getBadBytes(), b.getBadBytes()), Math.addExact(a.getPackets(), b.getPackets()),
                Math.addExact(a.getBadPackets(), b.getBadPackets()));
    }

    /** {@code row} with {@code counts} added to the slot of the second they count at. */
    public static SourceSeconds add(SourceSeconds row, FlowCounts counts) {
        int second = secondOf(counts);
        List<SecondSlot> slots = new ArrayList<>(row.getSlots().size() + 1);
        boolean added = false;
        for (SecondSlot slot : row.getSlots()) {
            if (!added && slot.getSecond() == second) {
                slots.add(plus(slot, counts));
                added = true;
            } else {
                if (!added && slot.getSecond() > second) {
                    slots.add(plus(new SecondSlot(second, 0L, 0L, 0L, 0L, 0L), counts));
                    added = true;
                }
                slots.add(slot);
            }
        }
        if (!added) {
            slots.add(plus(new SecondSlot(second, 0L, 0L, 0L, 0L, 0L), counts));
        }
        return new SourceSeconds(slots);
    }

    /** The slot of {@code row} that {@code counts} went into. */
    public static SecondSlot slotOf(SourceSeconds row, FlowCounts counts) {
        int second = secondOf(counts);
        for (SecondSlot slot : row.getSlots()) {
            if (slot.getSecond() == second) {
                return slot;
            }
        }
        throw new IllegalArgumentException("second " + second + " is not in the row");
    }

    private static int secondOf(FlowCounts counts) {
        return (int) Math.floorMod(counts.getCountedAt().getEpochSecond(), 60L);
    }

    private static SecondSlot plus(SecondSlot slot, FlowCounts counts) {
        return new SecondSlot(slot.getSecond(),
                Math.addExact(slot.getFlows(), counts.getFlows()),
                Math.addExact(slot.getBytes(), counts.getBytes()),
                Math.addExact(slot.getBadBytes(), counts.getBadBytes()),
                Math.addExact(slot.getPackets(), counts.getPackets()),
                Math.addExact(slot.getBadPackets(), counts.getBadPackets()));
    }
}
