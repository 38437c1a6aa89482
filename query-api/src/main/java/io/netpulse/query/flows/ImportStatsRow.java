package io.netpulse.query.flows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netpulse.query.pipeline.UtcClock;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.IpAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The row of {@code source}'s bucket whose start is written {@code time} ({@link #timeOf}). */
    static ImportStatsRow of(String time, String source, SourceStats stats) {
        return new ImportStatsRow(time, source, stats.getFlows(), stats.getBytes(),
                stats.getBadBytes(), stats.getPackets(), stats.getBadPackets(),
                Long.toString(stats.getPeakFlows()), Long.toString(stats.getPeakBytes()),
                Long.toString(stats.getPeakPackets()));
    }

    /** The {@code time} of a bucket starting at {@code bucketStart}, in milliseconds since the epoch. */
    static String timeOf(long bucketStart) {
        return UtcClock.format(bucketStart) + "+00:00";
    }

    /**
     * {@code rows} in the answer's order: ascending by time, then by source address numerically (IPv4 before IPv6).
     * An answer over every source sorts up to the row limit of rows from thousands of sources, so each distinct
     * time and address is ranked once and the rows are sorted by their ranks, rather than comparing texts and
     * parsing both addresses at each of the n log n comparisons. The time text has a fixed width, so its text
     * order is its time order.
     */
    static List<ImportStatsRow> inOrder(List<ImportStatsRow> rows) {
        Map<String, Integer> times = ranks(rows.stream().map(ImportStatsRow::time).distinct().sorted().toList());
        Map<String, Integer> sources = ranks(rows.stream().map(ImportStatsRow::sourceIp).distinct()
                .map(source -> Map.entry(source, IpAddresses.toBytes(source)))
                .sorted(Map.Entry.comparingByValue(IpAddresses.BYTES_ORDER))
                .map(Map.Entry::getKey)
                .toList());
        int[] timeRank = new int[rows.size()];
        int[] sourceRank = new int[rows.size()];
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            timeRank[i] = times.get(rows.get(i).time());
            sourceRank[i] = sources.get(rows.get(i).sourceIp());
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> timeRank[i]).thenComparingInt(i -> sourceRank[i]));
        List<ImportStatsRow> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(rows.get(i));
        }
        return sorted;
    }

    private static Map<String, Integer> ranks(List<String> ordered) {
        Map<String, Integer> ranks = new HashMap<>(ordered.size() * 2);
        for (int i = 0; i < ordered.size(); i++) {
            ranks.put(ordered.get(i), i);
        }
        return ranks;
    }
}
