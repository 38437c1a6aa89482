package io.netpulse.query.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.sites.TransferPlan.Resolution;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The reads of a plan count every minute of its range exactly once, whichever stores they come from, and a coarse
 * window never straddles two buckets: so the buckets add up to the bytes of the minutes, read from fewer windows.
 */
class TransferPlanReadsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T02:00:00Z");
    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    @Property(tries = 2_000)
    void everyMinuteOfTheRangeIsReadOnceAndNoCoarseWindowSpansTwoBuckets(
            @ForAll @IntRange(min = 0, max = 6 * 24 * 60 * 60) int startSecondsBeforeNow,
            @ForAll @IntRange(min = 1, max = 6 * 60 * 60) int lengthSeconds,
            @ForAll @IntRange(min = 1, max = 59) int bucketMinutes) {
        Instant start = NOW.minusSeconds(startSecondsBeforeNow);
        DataTransferredRequest request = new DataTransferredRequest(start, start.plusSeconds(lengthSeconds),
                Duration.ofMinutes(bucketMinutes), Optional.empty(), Optional.empty());
        TransferPlan plan = TransferPlan.of(request, NOW, TopologySettings.RateSettings.defaults(), 1_000_000);

        List<Long> minutesRead = new ArrayList<>();
        long windows = 0;
        for (TransferPlan.Read read : plan.reads()) {
            long step = read.resolution().window().toMillis();
            for (long window = read.first().toEpochMilli(); window <= read.last().toEpochMilli(); window += step) {
                windows++;
                assertThat(plan.indexOf(Instant.ofEpochMilli(window + step - MINUTE_MS)))
                        .as("the last minute of the window at %s lies in its bucket", Instant.ofEpochMilli(window))
                        .isEqualTo(plan.indexOf(Instant.ofEpochMilli(window)));
                for (long minute = window; minute < window + step; minute += MINUTE_MS) {
                    minutesRead.add(minute);
                }
            }
        }
        List<Long> minutes = new ArrayList<>();
        if (plan.buckets() > 0) {
            for (long minute = plan.firstWindow().toEpochMilli(); minute <= plan.lastWindow().toEpochMilli();
                 minute += MINUTE_MS) {
                minutes.add(minute);
            }
        }
        assertThat(plan.resolution()).isEqualTo(Resolution.MINUTE);
        assertThat(minutesRead).isEqualTo(minutes);
        assertThat(plan.windows()).isEqualTo(windows);
        assertThat(windows).isLessThanOrEqualTo(bucketMinutes % 5 == 0 ? minutes.size() / 5 + 8 : minutes.size());
    }
}
