package io.netpulse.query.sites;

import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.UtcClock;
import io.netpulse.topology.sites.SiteBytes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sums of one answer, bucket by bucket, filled from local windows and from other instances' answers. Every
 * bucket of the plan is present, zero until something is added; sums are exact (an overflow fails loudly).
 */
final class BucketTotals {

    private final TransferPlan plan;
    private final long[] in;
    private final long[] out;

    BucketTotals(TransferPlan plan) {
        this.plan = plan;
        this.in = new long[plan.buckets()];
        this.out = new long[plan.buckets()];
    }

    /** Adds a window read from a store; a window outside the plan is ignored. */
    void add(Instant windowStart, SiteBytes bytes) {
        plan.indexOf(windowStart).ifPresent(index -> {
            in[index] = Math.addExact(in[index], bytes.inOctets());
            out[index] = Math.addExact(out[index], bytes.outOctets());
        });
    }

    /**
     * Adds a point of another instance's answer to the same plan.
     *
     * @throws StoreUnavailableException when the point is not one of the plan's buckets (an instance answering
     *                                   with other rules, as during a rolling upgrade)
     */
    void add(DataTransferredPoint point) {
        int index = indexOfSlot(point.timeSlot());
        in[index] = Math.addExact(in[index], point.totalInBytes());
        out[index] = Math.addExact(out[index], point.totalOutBytes());
    }

    /** Adds the sums of another share of the same plan, bucket by bucket. */
    void add(BucketTotals share) {
        if (share.in.length != in.length) {
            throw new IllegalArgumentException("a share of " + share.in.length + " buckets added to " + in.length);
        }
        for (int i = 0; i < in.length; i++) {
            in[i] = Math.addExact(in[i], share.in[i]);
            out[i] = Math.addExact(out[i], share.out[i]);
        }
    }

    /** Every bucket, ascending. */
    List<DataTransferredPoint> points() {
        List<DataTransferredPoint> points = new ArrayList<>(in.length);
        for (int i = 0; i < in.length; i++) {
            points.add(DataTransferredPoint.of(plan.bucketStart(i), in[i], out[i]));
        }
        return points;
    }

    private int indexOfSlot(String slot) {
        try {
            Instant start = LocalDateTime.parse(slot, UtcClock.FORMAT).toInstant(ZoneOffset.UTC);
            long offset = start.toEpochMilli() - plan.firstBucket().toEpochMilli();
            long bucketMillis = plan.bucket().toMillis();
            if (offset >= 0 && offset % bucketMillis == 0 && offset / bucketMillis < in.length) {
                return (int) (offset / bucketMillis);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new StoreUnavailableException("another instance answered a bucket '" + slot + "' outside the plan "
                + plan);
    }
}
