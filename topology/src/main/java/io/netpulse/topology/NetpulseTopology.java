package io.netpulse.topology;

import io.netpulse.topology.flows.Flow;
import io.netpulse.topology.flows.FlowRecords;
import io.netpulse.topology.flows.FlowStatsFlow;
import io.netpulse.topology.serde.AvroSerdes;
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
        KStream<String, Flow> flows = FlowRecords.addTo(builder, topics, settings, serdes);
        FlowStatsFlow.addTo(flows, topics, settings.flows(), serdes);
        return builder.build();
    }
}
