package io.netpulse.topology;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.inputs.counters.CounterDeltaProcessor;
import io.netpulse.topology.inputs.counters.CounterSamples;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafCounters;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.inputs.flows.FlowRecords;
import io.netpulse.topology.inputs.inventory.DirectoryFlow;
import io.netpulse.topology.inputs.inventory.InventoryRecord;
import io.netpulse.topology.ip.IpTrafficFlow;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.serde.AvroSerdes;
import io.netpulse.topology.sites.SiteVolumeFlow;
import io.netpulse.topology.sourcestats.SourceStatsFlow;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole netpulse topology, built in data-flow order. It is the only entry point for the app and the tests,
 * so both run exactly the same graph.
 */
public final class NetpulseTopology {

    private NetpulseTopology() {
    }

    /** Builds the topology for {@code settings}, with Avro payloads through {@code serdes}. */
    public static Topology build(TopologySettings settings, AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        Topics topics = Topics.of(settings.topics(), serdes);
        // Flows are added here in data-flow order: ingest, counter deltas, rates, sites, flow stats, ip stats.
        // The inventory, once, for every flow that needs it (sites, IP statistics); also feeds the directory.
        KStream<String, InventoryRecord> inventory = DirectoryFlow.addTo(builder, topics, settings, serdes);
        // Telegraf's interface rows, merged per poll, join netpulse's own counter samples, partitioned by device.
        KStream<InterfaceKey, CounterSample> telegraf = TelegrafCounters.addTo(builder, topics,
                settings.exporters().telegraf(), CounterSamples.timeBounds(settings));
        KStream<InterfaceKey, CounterSample> samples =
                CounterSamples.addTo(builder, topics, settings, serdes, List.of(telegraf));
        // Usable intervals between polls: the one source of both the rates and the site volumes (issue 5).
        KStream<InterfaceKey, CounterDelta.Interval> intervals = CounterDeltaProcessor.addTo(samples, topics, settings);
        InterfaceRateFlow.addTo(intervals, topics, settings);
        SiteVolumeFlow.addTo(inventory, intervals, topics, settings, serdes);
        KStream<String, Flow> flows = FlowRecords.addTo(builder, topics, settings, serdes);
        SourceStatsFlow.addTo(flows, topics, settings.flows(), serdes);
        IpTrafficFlow.addTo(flows, topics, settings, serdes);
        return builder.build();
    }
}
