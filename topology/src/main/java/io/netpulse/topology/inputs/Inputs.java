package io.netpulse.topology.inputs;

import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.inputs.counters.CounterSamples;
import io.netpulse.topology.inputs.flows.Flow;
import io.netpulse.topology.inputs.flows.FlowRecords;
import io.netpulse.topology.inputs.inventory.DirectoryFlow;
import io.netpulse.topology.inputs.inventory.DirectoryVersion;
import io.netpulse.topology.inputs.inventory.InventoryRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Everything the aggregates are built from, each signal once: a topic has one source node per topology, so every
 * aggregate takes its input from here rather than reading a topic again. Each aggregate adds itself with
 * {@code addTo(Inputs, Topics, TopologySettings)}.
 *
 * @param inventory the valid inventory records, keyed by their normalized key
 * @param intervals usable intervals between two polls of an interface, keyed by interface, partitioned by device
 *                  and stamped with their end poll time
 * @param flows     flow records of every format, scaled and judged, keyed by exporter (not yet repartitioned)
 * @param directoryVersion the count of the directory's writes in this instance, for processors that keep what they
 *                  read from it
 */
public record Inputs(KStream<String, InventoryRecord> inventory,
                     KStream<InterfaceKey, CounterDelta.Interval> intervals,
                     KStream<String, Flow> flows,
                     DirectoryVersion directoryVersion) {

    /** Adds the inventory, the counters and the flows, in that order, and returns their streams. */
    public static Inputs addTo(StreamsBuilder builder, Topics topics, TopologySettings settings) {
        DirectoryVersion directoryVersion = new DirectoryVersion();
        return new Inputs(DirectoryFlow.addTo(builder, topics, settings, directoryVersion),
                CounterSamples.addTo(builder, topics, settings),
                FlowRecords.addTo(builder, topics, settings), directoryVersion);
    }
}
