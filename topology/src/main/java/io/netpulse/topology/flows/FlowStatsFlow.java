package io.netpulse.topology.flows;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;

/**
 * Per-source-device flow statistics (issue 6): n_flows, n_bytes, n_bad_bytes, n_packets, n_bad_packets and the
 * per-second peaks, per second, minute and hour.
 *
 * <ol>
 *   <li>Flows are re-keyed by exporter and repartitioned ({@code flow-stats-by-source}) carrying only their
 *       scaled counts, so one task holds all of a device's statistics and queries find it by key.</li>
 *   <li>{@link StoreNames#SOURCE_STATS_SECOND}: a 1-minute windowed aggregate whose value is the minute's
 *       sixty one-second slots ({@link SecondSlots}): one row per source and minute instead of sixty.</li>
 *   <li>Every changed row rolls up into {@link StoreNames#SOURCE_STATS_MINUTE} and
 *       {@link StoreNames#SOURCE_STATS_HOUR} ({@link SourceStatsRollupProcessor}): coarser levels from finer
 *       ones, never from records again, so the three agree on totals.</li>
 *   <li>Each minute's final statistics go to {@code netpulse.source-stats} once the minute closes.</li>
 * </ol>
 *
 * <p>Time is the receive time. The grace ({@link FlowSettings#grace()}) is how late a record may arrive and
 * still count in all three levels; a later one is dropped by the second-level window and shows in Kafka
 * Streams' {@code dropped-records-total}. Retentions come from settings and must cover a window plus the
 * grace; beyond that they are the query horizon of each level.
 */
public final class FlowStatsFlow {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private FlowStatsFlow() {
    }

    /** Adds the statistics of {@code flows} (keyed by exporter, from {@link FlowRecords}) to the topology. */
    public static void addTo(KStream<String, Flow> flows, Topics topics, FlowSettings settings, AvroSerdes serdes) {
        requireRetention("minute", settings.minuteRetention(), MINUTE.plus(settings.grace()));
        requireRetention("hour", settings.hourRetention(), HOUR.plus(settings.grace()));
        Serde<FlowCounts> countsSerde = serdes.internal(FlowCounts.class);
        Serde<SourceSeconds> secondsSerde = serdes.internal(SourceSeconds.class);
        Serde<SourceStats> statsSerde = serdes.internal(SourceStats.class);
        TimeWindows minutes = TimeWindows.ofSizeAndGrace(MINUTE, settings.grace());

        KStream<Windowed<String>, SourceStats> minuteUpdates = flows
                .mapValues(SecondSlots::countsOf, Named.as("flow-stats-counts"))
                .repartition(Repartitioned.with(Serdes.String(), countsSerde).withName("flow-stats-by-source"))
                .groupByKey(Grouped.with("flow-stats-group", Serdes.String(), countsSerde))
                .windowedBy(minutes)
                .aggregate(SecondSlots::empty, (source, counts, row) -> SecondSlots.add(row, counts),
                        Named.as("flow-stats-seconds"),
                        Materialized.<String, SourceSeconds>as(Stores.persistentTimestampedWindowStore(
                                        StoreNames.SOURCE_STATS_SECOND, settings.secondRetention(), MINUTE, false))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(secondsSerde))
                .toStream(Named.as("flow-stats-second-rows"))
                .processValues(rollup(settings, statsSerde), Named.as("flow-stats-rollup"));

        // The minute updates are keyed by (source, minute), and each key only ever falls in its own minute:
        // windowing them again by that minute lets Kafka Streams emit the last update once the minute is
        // closed, without a repartition and without recomputing anything from records.
        Serde<Windowed<String>> minuteKeySerde =
                WindowedSerdes.timeWindowedSerdeFrom(String.class, MINUTE.toMillis());
        minuteUpdates
                .groupByKey(Grouped.with("flow-stats-minute-updates", minuteKeySerde, statsSerde))
                .windowedBy(minutes)
                .emitStrategy(EmitStrategy.onWindowClose())
                .reduce((earlier, later) -> later, Named.as("flow-stats-minute-latest"),
                        Materialized.<Windowed<String>, SourceStats>as(Stores.persistentTimestampedWindowStore(
                                        StoreNames.SOURCE_STATS_MINUTE_CLOSING, MINUTE.plus(settings.grace()),
                                        MINUTE, false))
                                .withKeySerde(minuteKeySerde)
                                .withValueSerde(statsSerde))
                .toStream(Named.as("flow-stats-minute-closed"))
                .map((key, stats) -> KeyValue.pair(key.key().key(), report(key.key(), stats)),
                        Named.as("flow-stats-minute-report"))
                .to(topics.sourceStats().name(), topics.sourceStats().produced().withName("flow-stats-sink"));
    }

    /** The topic record of one source device's minute. */
    static SourceWindowStats report(Windowed<String> minute, SourceStats stats) {
        return new SourceWindowStats(minute.key(), Instant.ofEpochMilli(minute.window().start()),
                Instant.ofEpochMilli(minute.window().end()), stats.getFlows(), stats.getBytes(),
                stats.getBadBytes(), stats.getPackets(), stats.getBadPackets(), stats.getPeakFlows(),
                stats.getPeakBytes(), stats.getPeakPackets());
    }

    private static FixedKeyProcessorSupplier<Windowed<String>, SourceSeconds, SourceStats> rollup(
            FlowSettings settings, Serde<SourceStats> statsSerde) {
        StoreBuilder<TimestampedWindowStore<String, SourceStats>> minuteStore = Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(StoreNames.SOURCE_STATS_MINUTE, settings.minuteRetention(),
                        MINUTE, false), Serdes.String(), statsSerde).withCachingEnabled();
        StoreBuilder<TimestampedWindowStore<String, SourceStats>> hourStore = Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(StoreNames.SOURCE_STATS_HOUR, settings.hourRetention(),
                        HOUR, false), Serdes.String(), statsSerde).withCachingEnabled();
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<Windowed<String>, SourceSeconds, SourceStats> get() {
                return new SourceStatsRollupProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(minuteStore, hourStore);
            }
        };
    }

    private static void requireRetention(String level, Duration retention, Duration minimum) {
        if (retention.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("the " + level + " retention " + retention
                    + " must cover one window plus the grace: at least " + minimum);
        }
    }
}
