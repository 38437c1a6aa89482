package io.netpulse.topology.sourcestats;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;

/**
 * How each level of the flow statistics is built from the finer one, never from the records again: a second
 * is its slot, a minute is the sum of its seconds with the busiest second as peak, an hour is the sum of its
 * minutes with the largest minute peak as peak. Pure.
 *
 * <p>Counts only grow (a late record adds, nothing subtracts), so a record adds to its hour exactly what it adds
 * to its minute, and the hour's peak is the larger of its own and the minute's new one: {@link #hour} is exact
 * however often a minute changes, without reading the minute as it was.
 */
public final class SourceRollup {

    private static final SourceStats NOTHING = new SourceStats(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);

    private SourceRollup() {
    }

    /** One second's statistics: its peaks are its own values. */
    public static SourceStats second(SecondSlot slot) {
        return new SourceStats(slot.getFlows(), slot.getBytes(), slot.getBadBytes(), slot.getPackets(),
                slot.getBadPackets(), slot.getFlows(), slot.getBytes(), slot.getPackets());
    }

    /** A minute's statistics from its per-second row. */
    public static SourceStats minute(SourceSeconds row) {
        SourceStats minute = NOTHING;
        for (SecondSlot slot : row.getSlots()) {
            minute = merge(minute, second(slot));
        }
        return minute;
    }

    /**
     * The hour after {@code added} went into one of its minutes, which is now {@code minute}.
     *
     * @param hour   the hour so far, or null when it has no minute yet
     * @param added  the counts just added to the minute's row
     * @param minute the minute with them
     */
    public static SourceStats hour(SourceStats hour, FlowCounts added, SourceStats minute) {
        SourceStats base = hour == null ? NOTHING : hour;
        return new SourceStats(
                base.getFlows() + added.getFlows(),
                base.getBytes() + added.getBytes(),
                base.getBadBytes() + added.getBadBytes(),
                base.getPackets() + added.getPackets(),
                base.getBadPackets() + added.getBadPackets(),
                Math.max(base.getPeakFlows(), minute.getPeakFlows()),
                Math.max(base.getPeakBytes(), minute.getPeakBytes()),
                Math.max(base.getPeakPackets(), minute.getPeakPackets()));
    }

    /** Sums of both, peaks the larger of both: two disjoint parts of one bucket. */
    public static SourceStats merge(SourceStats a, SourceStats b) {
        return new SourceStats(
                Math.addExact(a.getFlows(), b.getFlows()),
                Math.addExact(a.getBytes(), b.getBytes()),
                Math.addExact(a.getBadBytes(), b.getBadBytes()),
                Math.addExact(a.getPackets(), b.getPackets()),
                Math.addExact(a.getBadPackets(), b.getBadPackets()),
                Math.max(a.getPeakFlows(), b.getPeakFlows()),
                Math.max(a.getPeakBytes(), b.getPeakBytes()),
                Math.max(a.getPeakPackets(), b.getPeakPackets()));
    }
}
