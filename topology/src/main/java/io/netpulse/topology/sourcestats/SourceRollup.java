package io.netpulse.topology.sourcestats;

import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;

/**
 * How each level of the flow statistics is built from the finer one, never from the records again: a second
 * is its slot, a minute is the sum of its seconds with the busiest second as peak, an hour is the sum of its
 * minutes with the largest minute peak as peak. Pure.
 *
 * <p>Counts only grow (a late record adds, nothing subtracts), so when a minute is updated again its hour
 * takes the difference of the sums and the larger peak: {@link #hour} is exact however often a minute changes.
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
     * The hour after one of its minutes changed from {@code before} to {@code after}.
     *
     * @param hour   the hour so far, or null when it has no minute yet
     * @param before the minute as the hour last counted it, or null when the hour has not counted it yet
     * @param after  the minute now
     */
    public static SourceStats hour(SourceStats hour, SourceStats before, SourceStats after) {
        SourceStats base = hour == null ? NOTHING : hour;
        SourceStats old = before == null ? NOTHING : before;
        return new SourceStats(
                base.getFlows() + after.getFlows() - old.getFlows(),
                base.getBytes() + after.getBytes() - old.getBytes(),
                base.getBadBytes() + after.getBadBytes() - old.getBadBytes(),
                base.getPackets() + after.getPackets() - old.getPackets(),
                base.getBadPackets() + after.getBadPackets() - old.getBadPackets(),
                Math.max(base.getPeakFlows(), after.getPeakFlows()),
                Math.max(base.getPeakBytes(), after.getPeakBytes()),
                Math.max(base.getPeakPackets(), after.getPeakPackets()));
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
