package io.netpulse.topology.sourcestats;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;

/**
 * What each level of the flow statistics is: a second is its slot, a minute is the sum of its seconds with the
 * busiest second as peak ({@link #minute}), an hour is the sum of its minutes with the largest minute peak as
 * peak. Pure.
 *
 * <p>Counts only grow (a late record adds, nothing subtracts), so a record adds to its minute and to its hour
 * exactly its own counts, and each one's peak is the larger of its own and the record's second as it now stands:
 * merging what the record adds ({@link #record}) keeps both exact however often a minute changes. A minute whose row of seconds is gone (a source
 * further behind the others of its task than the seconds are kept) still adds every record to its sums; only its
 * peaks may then miss what the lost row held of the same second.
 */
public final class SourceRollup {

    static final SourceStats NOTHING = new SourceStats(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);

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
     * What one record adds to its minute and its hour, {@link #merge merged} into each: its counts as sums, and as
     * peaks its second as the row now holds it.
     *
     * @param added  the record's counts
     * @param second the second they went into, with them
     */
    public static SourceStats record(FlowCounts added, SecondSlot second) {
        return new SourceStats(added.getFlows(), added.getBytes(), added.getBadBytes(), added.getPackets(),
                added.getBadPackets(), second.getFlows(), second.getBytes(), second.getPackets());
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
