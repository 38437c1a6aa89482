package io.netpulse.query.sites;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netpulse.query.pipeline.UtcClock;
import java.time.Instant;

/**
 * One bucket of the answer, field for field as the seed writes it: bytes summed over the chosen sites.
 *
 * @param timeSlot           start of the bucket, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param totalInBytes       inbound bytes
 * @param totalOutBytes      outbound bytes
 * @param totalCombinedBytes inbound and outbound together
 */
public record DataTransferredPoint(@JsonProperty("time_slot") String timeSlot,
                                   @JsonProperty("total_in_bytes") long totalInBytes,
                                   @JsonProperty("total_out_bytes") long totalOutBytes,
                                   @JsonProperty("total_combined_bytes") long totalCombinedBytes) {

    /** The point of the bucket starting at {@code start}. */
    static DataTransferredPoint of(Instant start, long inBytes, long outBytes) {
        return new DataTransferredPoint(UtcClock.format(start.toEpochMilli()), inBytes, outBytes, Math.addExact(inBytes, outBytes));
    }
}
