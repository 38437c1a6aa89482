package io.netpulse.topology;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.topology.alerts.AlertsFlow;
import io.netpulse.topology.billing.BillingFlow;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.ip.IpClosedSample;
import io.netpulse.topology.ip.IpTrafficFlow;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.sites.SiteVolumeFlow;
import io.netpulse.topology.sourcestats.FlowCountsBatch;
import io.netpulse.topology.sourcestats.SourceStatsFlow;
import io.netpulse.topology.toptalkers.TopTalkersFlow;
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
        // In data-flow order: the inputs (inventory, counters, flows), then one aggregate after another. The
        // rates come before the site volumes, whose re-attribution reads the rates' stores.
        Inputs inputs = Inputs.addTo(builder, topics, settings);
        KStream<InterfaceKey, InterfaceRate> interfaceMinutes = InterfaceRateFlow.addTo(inputs, topics, settings);
        BillingFlow.addTo(inputs, topics, settings);
        SiteVolumeFlow.addTo(inputs, topics, settings);
        KStream<String, FlowCountsBatch> flowsBySource = SourceStatsFlow.addTo(inputs, topics, settings);
        KStream<String, IpClosedSample> ipSamples = IpTrafficFlow.addTo(inputs, topics, settings);
        TopTalkersFlow.addTo(inputs, topics, settings);
        // Last: the alerts judge the closed windows and the repartitioned flows of the aggregates above.
        AlertsFlow.addTo(inputs, new AlertsFlow.Judged(interfaceMinutes, flowsBySource, ipSamples), topics, settings);
        return builder.build();
    }
}
