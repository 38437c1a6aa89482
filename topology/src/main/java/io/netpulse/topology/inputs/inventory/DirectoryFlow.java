package io.netpulse.topology.inputs.inventory;

import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.ingest.Ingest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the directory (see {@link Directory}): the inventory, parsed and normalized, and the interfaces
 * discovered in counters are written to the compacted {@code netpulse.directory} topic, which every instance
 * reads back into a global store ({@link StoreNames#DIRECTORY}, written as a global table would be, and counted in
 * the instance's {@link DirectoryVersion}). A topic cannot be both a global and a regular source, which is why the
 * inventory itself is not the global store's topic; and writing the directory from the topology keeps one
 * normalized form for the API, the counter path and the IP statistics.
 *
 * <p>An inventory interface writes two entries, {@code interface:<id>} and the index {@code key:<device>|<ifIndex>};
 * its tombstone deletes {@code interface:<id>}, which retires the index entry too (it is only trusted while
 * the interface entry agrees with it), so no per-key state is needed here. An inventory address likewise writes
 * {@code ip:<address>} and the index {@code server:<account>|<server>|<address>}.
 */
public final class DirectoryFlow {

    private DirectoryFlow() {
    }

    /**
     * Adds the inventory source, the directory writer and the directory's global store.
     *
     * @return the valid inventory records keyed by their normalized key, for the other flows that need the
     *         inventory (a topic has one source node per topology)
     */
    public static KStream<String, InventoryRecord> addTo(StreamsBuilder builder, Topics topics,
                                                         TopologySettings settings, DirectoryVersion version) {
        KStream<String, InventoryRecord> inventory = Ingest
                .referenceSource(builder, topics.inventory(), "inventory", new InventoryParser(topics.serdes()),
                        topics.deadLetter())
                .selectKey((raw, record) -> record.key(), Named.as("inventory-by-key"));
        inventory
                .flatMap((key, record) -> entries(record), Named.as("inventory-directory-entries"))
                .to(topics.directory().name(), topics.directory().produced().withName("inventory-directory-sink"));
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(
                                Stores.persistentTimestampedKeyValueStore(StoreNames.DIRECTORY),
                                topics.directory().keySerde(), topics.directory().valueSerde())
                        .withCachingEnabled().withLoggingDisabled(),
                topics.directory().name(), topics.directory().consumed().withName("directory-table"),
                () -> new DirectoryWriter(version));
        return inventory;
    }

    /**
     * The directory entries one inventory record writes: its own, and the index entry of an interface or an
     * address. A deletion writes its key with a null entry.
     */
    public static List<KeyValue<String, InventoryEntry>> entries(InventoryRecord record) {
        List<KeyValue<String, InventoryEntry>> entries = new ArrayList<>(2);
        entries.add(KeyValue.pair(record.key(), record.entry()));
        if (record.entry() != null && record.entry().getEntry() instanceof InterfaceEntry entry) {
            entries.add(KeyValue.pair(Directory.indexKey(new InterfaceKey(entry.getDevice(), entry.getIfIndex())),
                    record.entry()));
        }
        if (record.entry() != null && record.entry().getEntry() instanceof AddressEntry entry) {
            entries.add(KeyValue.pair(Directory.serverIndexKey(entry), record.entry()));
        }
        return entries;
    }
}
