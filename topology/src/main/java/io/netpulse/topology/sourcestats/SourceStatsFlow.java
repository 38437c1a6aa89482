package io.netpulse.topology.sourcestats;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.Combiner;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.inputs.flows.FlowRecords;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowKeys;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Per-source-device flow statistics: n_flows, n_bytes, n_bad_bytes, n_packets, n_bad_packets and the
 * per-second peaks, per second, minute and hour.
 *
 * <ol>
 *   <li>Flows are re-keyed by exporter and repartitioned ({@code flow-stats-by-source}) carrying only their
 *       scaled counts, so one task holds all of a device's statistics and queries find it by key. The counts of
 *       one exporter are summed per second until the next commit first ({@link Combiner}, {@link FlowCountsBatch}),
 *       so an exporter adds a record per commit to the repartition, its seconds in it, not one per flow or
 *       second.</li>
 *   <li>Each record is judged against its own source's clock ({@link SourceClock}): one more than the grace
 *       ({@link FlowSettings#grace()}) behind that source's latest receive time is not counted, and shows in
 *       {@code source-stats-late} for that source. Another source's backlog never makes it late.</li>
 *   <li>{@link StoreNames#SOURCE_STATS_SECOND}: one row per source and minute holding the minute's one-second
 *       slots ({@link SecondSlots}) instead of sixty windows.</li>
 *   <li>Each record adds its counts to {@link StoreNames#SOURCE_STATS_MINUTE} and
 *       {@link StoreNames#SOURCE_STATS_HOUR} too, and raises their peaks to its second as the row now holds it
 *       ({@link SourceStatsProcessor}), so the minute and the hour agree on totals, and the row with them while it
 *       is kept.</li>
 *   <li>A minute closes when its source's clock is past its end by the grace, or the source has been quiet
 *       that long by the wall clock; its statistics then go to {@code netpulse.source-stats}.</li>
 *   <li>{@link StoreNames#SOURCE_STATS_SOURCES} lists the task's sources ({@link WindowKeys}), so a query over
 *       every source reads each one's windows over its range only.</li>
 * </ol>
 *
 * <p>Time is the receive time. Retentions come from settings and must cover a window plus the grace; beyond
 * that they are the query horizon of each level. Per record: one cached read and write of the row, the
 * minute and the hour.
 */
public final class SourceStatsFlow {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private SourceStatsFlow() {
    }

    /**
     * Adds the statistics of the flows (keyed by exporter, from {@link FlowRecords}) to the topology; returns every
     * flow's counts as repartitioned by exporter, for other rules on the same sources (one repartition serves all).
     */
    public static KStream<String, FlowCountsBatch> addTo(Inputs inputs, Topics topics, TopologySettings topology) {
        FlowSettings settings = topology.flows();
        AvroSerdes serdes = topics.serdes();
        requireRetention("second", settings.secondRetention(), MINUTE.plus(settings.grace()));
        requireRetention("minute", settings.minuteRetention(), MINUTE.plus(settings.grace()));
        requireRetention("hour", settings.hourRetention(), HOUR.plus(settings.grace()));
        KStream<String, FlowCountsBatch> bySource = inputs.flows()
                .mapValues(flow -> FlowCountsBatch.of(SecondSlots.countsOf(flow)), Named.as("flow-stats-counts"))
                .process(Combiner.perKey(StoreNames.SOURCE_STATS_SUMS, FlowCountsBatch::plus, FlowCountsBatch::fits),
                        Named.as("flow-stats-combine"))
                .repartition(Repartitioned.with(Serdes.String(), FlowCountsBatch.serde(serdes))
                        .withName("flow-stats-by-source"));
        bySource.process(supplier(settings, serdes), Named.as("flow-stats"))
                .to(topics.sourceStats().name(), topics.sourceStats().produced().withName("flow-stats-sink"));
        return bySource;
    }

    /** The topic record of one source device's minute. */
    static SourceWindowStats report(String source, long minuteStart, SourceStats stats) {
        return new SourceWindowStats(source, Instant.ofEpochMilli(minuteStart),
                Instant.ofEpochMilli(minuteStart + MINUTE.toMillis()), stats.getFlows(), stats.getBytes(),
                stats.getBadBytes(), stats.getPackets(), stats.getBadPackets(), stats.getPeakFlows(),
                stats.getPeakBytes(), stats.getPeakPackets());
    }

    private static ProcessorSupplier<String, FlowCountsBatch, String, SourceWindowStats> supplier(
            FlowSettings settings, AvroSerdes serdes) {
        Serde<SourceSeconds> secondsSerde = serdes.internal(SourceSeconds.class);
        Serde<SourceStats> statsSerde = serdes.internal(SourceStats.class);
        return WindowedStores.supplier(
                () -> new SourceStatsProcessor(settings.grace(), settings.secondRetention()), Set.of(
                        WindowedStores.store(StoreNames.SOURCE_STATS_SECOND, settings.secondRetention(), MINUTE,
                                Serdes.String(), secondsSerde),
                        WindowedStores.store(StoreNames.SOURCE_STATS_MINUTE, settings.minuteRetention(), MINUTE,
                                Serdes.String(), statsSerde),
                        WindowedStores.store(StoreNames.SOURCE_STATS_HOUR, settings.hourRetention(), HOUR,
                                Serdes.String(), statsSerde),
                        SourceClock.store(StoreNames.SOURCE_STATS_SOURCE_TIME),
                        ClosingWindows.store(StoreNames.SOURCE_STATS_CLOSING),
                        WindowKeys.store(StoreNames.SOURCE_STATS_SOURCES)));
    }

    private static void requireRetention(String level, Duration retention, Duration minimum) {
        if (retention.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("the " + level + " retention " + retention
                    + " must cover one window plus the grace: at least " + minimum);
        }
    }
}
