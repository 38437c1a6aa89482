package io.netpulse.topology.toptalkers;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.Combiner;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Top talkers per source device and per site: for each minute and hour, the busiest source and destination
 * addresses by bytes and by packets, from the flows as every flow statistic counts them (scaled by the sampling
 * rate, {@link io.netpulse.topology.inputs.flows.FlowRules}).
 *
 * <ol>
 *   <li>{@link ScopeProcessor} keys each flow by its scopes: {@code source:<exporter>}, and {@code site:<uuid>}
 *       when the exporter's device is in one site; joined per scope in their order until the next commit
 *       ({@link TalkerBatches}) and repartitioned ({@code top-talkers-by-scope}).</li>
 *   <li>{@link TopTalkersProcessor} judges each flow of a batch by its exporter's clock ({@link SourceClock},
 *       lateness = {@link FlowSettings#grace()}) and counts every address exactly while its minute is open
 *       ({@link StoreNames#TOP_TALKERS_OPEN}): one entry per minute of the batch, its sums per address.</li>
 *   <li>When the minute closes its counts are cut to the busiest addresses by bytes and the busiest by packets,
 *       {@link FlowSettings#topTalkersCapacity()} of each (default 200), per side, with a bound on every address
 *       dropped ({@link TalkerLists}), into {@link StoreNames#TOP_TALKERS_MINUTE}; when the hour closes its minute
 *       lists are merged and cut the same way into {@link StoreNames#TOP_TALKERS_HOUR}.</li>
 * </ol>
 *
 * <p>Exact counts while open make every closed list a function of the minute's records alone, whatever order they
 * came in; a heavy-hitter sketch such as Space-Saving would keep less while open but its counts depend on arrival
 * order. Queries merge the lists of the buckets a range covers with the open minutes' exact counts. Retentions are
 * the flow statistics' minute and hour retentions. State: open, one entry per scope, minute and batch, 19 bytes
 * plus the address per distinct address and side of the batch; closed, at most 2 x 2 x the capacity talkers per
 * scope and bucket.
 */
public final class TopTalkersFlow {

    /** Metric: flows whose exporter's device is in no site, or in several (source = exporter). */
    public static final String NO_SITE = "top-talkers-no-site";

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    private TopTalkersFlow() {
    }

    /** Adds the top talkers of the flows (keyed by exporter, from {@code FlowRecords}). */
    public static void addTo(Inputs inputs, Topics topics, TopologySettings settings) {
        FlowSettings flows = settings.flows();
        AvroSerdes serdes = topics.serdes();
        Serde<TopTalkers> listSerde = serdes.internal(TopTalkers.class);
        count(inputs.flows().process(() -> new ScopeProcessor(inputs.directoryVersion()),
                        Named.as("top-talkers-scopes"))
                .mapValues(TalkerBatches::of, Named.as("top-talkers-batch"))
                .process(Combiner.perKey(StoreNames.TOP_TALKERS_BATCHES, TalkerBatches::plus, TalkerBatches::fits),
                        Named.as("top-talkers-combine"))
                .repartition(Repartitioned.with(Serdes.String(), TalkerBatches.serde(serdes))
                        .withName("top-talkers-by-scope")), flows, listSerde);
    }

    /** Counts batches of one scope's flows, keyed by the scope, into the open, minute and hour stores. */
    static void count(KStream<String, TalkerFlows> batches, FlowSettings flows, Serde<TopTalkers> listSerde) {
        batches.process(WindowedStores.supplier(() -> new TopTalkersProcessor(flows.grace(),
                flows.topTalkersCapacity()), Set.of(
                OpenBuckets.store(StoreNames.TOP_TALKERS_OPEN),
                WindowedStores.store(StoreNames.TOP_TALKERS_MINUTE, flows.minuteRetention(), MINUTE,
                        Serdes.String(), listSerde),
                WindowedStores.store(StoreNames.TOP_TALKERS_HOUR, flows.hourRetention(), HOUR,
                        Serdes.String(), listSerde),
                SourceClock.store(StoreNames.TOP_TALKERS_SOURCE_TIME),
                ClosingWindows.store(StoreNames.TOP_TALKERS_CLOSING))), Named.as("top-talkers"));
    }
}
