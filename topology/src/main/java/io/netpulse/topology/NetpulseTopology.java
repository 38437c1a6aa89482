package io.netpulse.topology;

import io.netpulse.topology.flows.Flow;
import io.netpulse.topology.flows.FlowRecords;
import io.netpulse.topology.flows.FlowStatsFlow;
import io.netpulse.topology.directory.DirectoryFlow;
import io.netpulse.topology.ingest.InventoryRecord;
import io.netpulse.topology.ip.IpTrafficFlow;
import io.netpulse.topology.rates.CounterDelta;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.serde.AvroSerdes;
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
        // Issue 10 passes the Telegraf counter stream here instead of List.of().
        KStream<InterfaceKey, CounterDelta.Interval> intervals =
                InterfaceRateFlow.addTo(builder, topics, settings, serdes, List.of());
        KStream<String, Flow> flows = FlowRecords.addTo(builder, topics, settings, serdes);
        FlowStatsFlow.addTo(flows, topics, settings.flows(), serdes);
        IpTrafficFlow.addTo(flows, topics, settings, serdes);
        return builder.build();
    }
}
