package io.netpulse.topology.directory;

import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.serde.AvroSerdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Builds the directory (see {@link Directory}): normalized inventory entries and interfaces discovered in
 * counters are written to the compacted {@code netpulse.directory} topic, which every instance reads back as a
 * global table ({@link StoreNames#DIRECTORY}). A topic cannot be both a global and a regular source, which is
 * why the inventory itself is not the global table's topic.
 */
public final class DirectoryFlow {

    private DirectoryFlow() {
    }

    /** Adds the directory's global table. */
    public static GlobalKTable<String, InventoryEntry> addTo(StreamsBuilder builder, Topics topics,
                                                            TopologySettings settings, AvroSerdes serdes) {
        return builder.globalTable(topics.directory().name(),
                topics.directory().consumed().withName("directory-table"),
                Materialized.<String, InventoryEntry, KeyValueStore<Bytes, byte[]>>as(StoreNames.DIRECTORY)
                        .withKeySerde(topics.directory().keySerde())
                        .withValueSerde(topics.directory().valueSerde()));
    }
}
