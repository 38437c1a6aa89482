package io.netpulse.query.flows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.IpAddresses;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;

/**
 * One row of the import_stats answer, exactly as the seed shows it: counts as JSON integers, peaks as strings,
 * time as {@code yyyy-MM-dd HH:mm:ss+00:00} (UTC) at the start of the bucket.
 */
@JsonPropertyOrder({"time", "source_ip", "n_flows", "n_bytes", "n_bad_bytes", "n_packets", "n_bad_packets",
        "peak_n_flows", "peak_n_bytes", "peak_n_packets"})
public record ImportStatsRow(
        @JsonProperty("time") String time,
        @JsonProperty("source_ip") String sourceIp,
        @JsonProperty("n_flows") long flows,
        @JsonProperty("n_bytes") long bytes,
        @JsonProperty("n_bad_bytes") long badBytes,
        @JsonProperty("n_packets") long packets,
        @JsonProperty("n_bad_packets") long badPackets,
        @JsonProperty("peak_n_flows") String peakFlows,
        @JsonProperty("peak_n_bytes") String peakBytes,
        @JsonProperty("peak_n_packets") String peakPackets) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    /**
     * The answer's order: ascending by time, then by source address (numerically, IPv4 before IPv6). The time
     * text has a fixed width, so its text order is its time order.
     */
    public static final Comparator<ImportStatsRow> ORDER = Comparator.comparing(ImportStatsRow::time)
            .thenComparing(ImportStatsRow::sourceIp, IpAddresses.NUMERIC_ORDER);

    /** The row of {@code source}'s bucket starting at {@code bucketStart}. */
    public static ImportStatsRow of(Instant bucketStart, String source, SourceStats stats) {
        return new ImportStatsRow(TIME.format(bucketStart), source, stats.getFlows(), stats.getBytes(),
                stats.getBadBytes(), stats.getPackets(), stats.getBadPackets(),
                Long.toString(stats.getPeakFlows()), Long.toString(stats.getPeakBytes()),
                Long.toString(stats.getPeakPackets()));
    }
}
