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
    void hourTakesTheDifferenceWhenAMinuteChangesAgain() {
        SourceStats minute1 = new SourceStats(2L, 200L, 0L, 4L, 0L, 1L, 100L, 2L);
        SourceStats minute2 = new SourceStats(3L, 300L, 30L, 6L, 1L, 2L, 250L, 5L);
        SourceStats minute2Later = new SourceStats(4L, 700L, 30L, 10L, 1L, 3L, 600L, 8L);

        SourceStats hour = SourceRollup.hour(null, null, minute1);
        hour = SourceRollup.hour(hour, null, minute2);
        hour = SourceRollup.hour(hour, minute2, minute2Later);

        // 2 + 4 flows, 200 + 700 bytes, 30 bad bytes, 4 + 10 packets, 1 bad packet; peaks of minute 2's new value
        assertThat(hour).isEqualTo(new SourceStats(6L, 900L, 30L, 14L, 1L, 3L, 600L, 8L));
        // the same row arriving again changes nothing
        assertThat(SourceRollup.hour(hour, minute2Later, minute2Later)).isEqualTo(hour);
    }

    private static FlowCounts counts(int second, long flows, long bytes, long packets) {
        return new FlowCounts(T0.plusSeconds(600 + second).plusMillis(999), flows, bytes, 0L, packets, 0L);
    }
}
