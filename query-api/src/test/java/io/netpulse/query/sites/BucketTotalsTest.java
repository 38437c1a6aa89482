package io.netpulse.query.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.sites.TransferPlan.Resolution;
import io.netpulse.topology.sites.SiteBytes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Local windows and other instances' points add into the same buckets; anything off the plan is refused. */
class BucketTotalsTest {

    /** Minutes 00:08 to 00:17 in 5-minute buckets 00:05, 00:10 and 00:15. */
    private static final TransferPlan PLAN = new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5),
            at("00:08:00"), at("00:17:00"), at("00:05:00"), 3);

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    @Test
    void windowsAndRemotePointsSumPerBucketAndWindowsOutsideTheRangeAreLeftOut() {
        BucketTotals totals = new BucketTotals(PLAN);
        totals.add(at("00:07:00"), new SiteBytes(1_000, 1_000));
        totals.add(at("00:08:00"), new SiteBytes(10, 1));
        totals.add(at("00:14:00"), new SiteBytes(20, 2));
        totals.add(at("00:18:00"), new SiteBytes(1_000, 1_000));
        totals.add(new DataTransferredPoint("2026-01-01 00:10:00", 300, 30, 330));
        totals.add(new DataTransferredPoint("2026-01-01 00:15:00", 4_000, 400, 4_400));

        assertThat(totals.points()).containsExactly(
                new DataTransferredPoint("2026-01-01 00:05:00", 10, 1, 11),
                new DataTransferredPoint("2026-01-01 00:10:00", 320, 32, 352),
                new DataTransferredPoint("2026-01-01 00:15:00", 4_000, 400, 4_400));
    }

    @Test
    void pointOfAnotherPlanIsRefusedAsUnavailable() {
        BucketTotals totals = new BucketTotals(PLAN);

        assertThatThrownBy(() -> totals.add(new DataTransferredPoint("2026-01-01 00:20:00", 1, 1, 2)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("another instance answered a bucket '2026-01-01 00:20:00' outside the plan");
        assertThatThrownBy(() -> totals.add(new DataTransferredPoint("2026-01-01 00:07:00", 1, 1, 2)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> totals.add(new DataTransferredPoint("yesterday", 1, 1, 2)))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void sharesOfOnePlanAddBucketByBucket() {
        BucketTotals here = new BucketTotals(PLAN);
        here.add(at("00:09:00"), new SiteBytes(10, 1));
        here.add(at("00:15:00"), new SiteBytes(Long.MAX_VALUE - 20, 7));
        BucketTotals there = new BucketTotals(PLAN);
        there.add(at("00:10:00"), new SiteBytes(300, 30));
        there.add(at("00:16:00"), new SiteBytes(5, 3));
        BucketTotals totals = new BucketTotals(PLAN);

        totals.add(here);
        totals.add(there);

        assertThat(totals.points()).containsExactly(
                new DataTransferredPoint("2026-01-01 00:05:00", 10, 1, 11),
                new DataTransferredPoint("2026-01-01 00:10:00", 300, 30, 330),
                new DataTransferredPoint("2026-01-01 00:15:00", Long.MAX_VALUE - 15, 10, Long.MAX_VALUE - 5));
        // 16 more bytes in that bucket overflow: refused, never wrapped.
        BucketTotals more = new BucketTotals(PLAN);
        more.add(at("00:15:00"), new SiteBytes(16, 0));
        assertThatThrownBy(() -> totals.add(more)).isInstanceOf(ArithmeticException.class);
    }
}
