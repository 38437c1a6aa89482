package io.netpulse.topology.sourcestats;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRollupTest {

    @Test
    void slotsStayInSecondOrderAndAddUp() {
        SourceSeconds row = SecondSlots.empty();
        row = SecondSlots.add(row, counts(42, 1, 100, 1));
        row = SecondSlots.add(row, counts(7, 2, 200, 2));
        row = SecondSlots.add(row, counts(42, 1, 50, 1));
        row = SecondSlots.add(row, counts(59, 1, 10, 1));
        row = SecondSlots.add(row, counts(0, 1, 20, 1));

        assertThat(row.getSlots()).containsExactly(
                new SecondSlot(0, 1L, 20L, 0L, 1L, 0L),
                new SecondSlot(7, 2L, 200L, 0L, 2L, 0L),
                new SecondSlot(42, 2L, 150L, 0L, 2L, 0L),
                new SecondSlot(59, 1L, 10L, 0L, 1L, 0L));
    }

    @Test
    void minuteSumsItsSecondsAndPeaksAtTheBusiestEach() {
        SourceSeconds row = new SourceSeconds(List.of(
                new SecondSlot(1, 5L, 100L, 10L, 9L, 1L),
                new SecondSlot(2, 1L, 900L, 0L, 3L, 0L)));

        // peaks are taken per measure: the most flows (second 1) and the most bytes (second 2) need not coincide
        assertThat(SourceRollup.minute(row)).isEqualTo(new SourceStats(6L, 1000L, 10L, 12L, 1L, 5L, 900L, 9L));
    }

    @Test
    void minuteAndHourAddEachRecordOnceAndPeakAtTheBusiestSecond() {
        FlowCounts first = counts(10, 10, 2, 200, 4);
        FlowCounts second = counts(11, 5, 3, 300, 6);
        FlowCounts third = counts(11, 5, 1, 400, 4);            // the same second of minute 11 again

        SourceSeconds row10 = SecondSlots.add(SecondSlots.empty(), first);
        SourceStats minute10 = add(null, first, SecondSlots.slotOf(row10, first));
        SourceStats hour = add(null, first, SecondSlots.slotOf(row10, first));
        SourceSeconds row11 = SecondSlots.add(SecondSlots.empty(), second);
        SourceStats minute11 = add(null, second, SecondSlots.slotOf(row11, second));
        hour = add(hour, second, SecondSlots.slotOf(row11, second));
        row11 = SecondSlots.add(row11, third);
        minute11 = add(minute11, third, SecondSlots.slotOf(row11, third));
        hour = add(hour, third, SecondSlots.slotOf(row11, third));

        // minute 11: 3 + 1 flows, 300 + 400 bytes, 6 + 4 packets, all in its second 5, so that second is its peak
        assertThat(minute11).isEqualTo(new SourceStats(4L, 700L, 0L, 10L, 0L, 4L, 700L, 10L));
        // each minute is its row summed, as if rolled up again
        assertThat(minute10).isEqualTo(SourceRollup.minute(row10));
        assertThat(minute11).isEqualTo(SourceRollup.minute(row11));
        // 2 + 3 + 1 flows, 200 + 300 + 400 bytes, 4 + 6 + 4 packets; peaks of second 5 of minute 11: 4, 700, 10
        assertThat(hour).isEqualTo(new SourceStats(6L, 900L, 0L, 14L, 0L, 4L, 700L, 10L));
        // the hour is its minutes merged
        assertThat(hour).isEqualTo(SourceRollup.merge(minute10, minute11));
    }

    /** As the processor adds a record to a stored minute or hour: merged, or alone into an empty one. */
    private static SourceStats add(SourceStats bucket, FlowCounts counts, SecondSlot second) {
        SourceStats added = SourceRollup.record(counts, second);
        return bucket == null ? added : SourceRollup.merge(bucket, added);
    }

    private static FlowCounts counts(int second, long flows, long bytes, long packets) {
        return counts(10, second, flows, bytes, packets);
    }

    private static FlowCounts counts(int minute, int second, long flows, long bytes, long packets) {
        return new FlowCounts(T0.plusSeconds(60L * minute + second).plusMillis(999), flows, bytes, 0L, packets, 0L);
    }
}
