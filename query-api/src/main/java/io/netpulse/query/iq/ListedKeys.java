package io.netpulse.query.iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The keys an aggregate lists beside its window stores ({@code io.netpulse.topology.time.WindowKeys}): a query over
 * every key reads these, then each key's windows over its range, instead of scanning every key's windows. The keys
 * come grouped by the partition holding them, each group with the stores of that partition alone, so a key costs
 * one read: through the stores of every local partition, each key would be looked for in each partition in turn.
 */
public final class ListedKeys {

    private static final Serde<String> KEYS = Serdes.String();

    /**
     * The listed keys of one partition.
     *
     * @param stores the stores reading that partition only
     * @param keys   its keys, in key order
     */
    public record Partition(LocalStores stores, List<String> keys) {
        public Partition {
            keys = List.copyOf(keys);
        }
    }

    private ListedKeys() {
    }

    /**
     * Every key listed in {@code listStore} of {@code stores}, grouped by partition in partition order. The list is
     * kept by the same tasks as its window stores, so a key's partition is where {@code locator} places it, by
     * Kafka Streams' own metadata for the list store.
     *
     * @throws StoreUnavailableException when the list cannot be read now, closes while read (a rebalance), or names
     *                                   a key not held here (the assignment changed)
     */
    public static List<Partition> byPartition(LocalStores stores, KeyLocator locator, String listStore) {
        Map<Integer, List<String>> keys = new TreeMap<>();
        for (String key : of(stores, listStore)) {
            int partition = switch (locator.locate(listStore, key, KEYS.serializer())) {
                case Location.Local local -> local.partition();
                case Location.Remote remote -> throw new StoreUnavailableException("key " + key + " listed in "
                        + listStore + " is now held by " + remote.host().host() + ":" + remote.host().port()
                        + " (the assignment changed)");
                case Location.Unavailable unavailable -> throw new StoreUnavailableException(unavailable.reason());
            };
            keys.computeIfAbsent(partition, p -> new ArrayList<>()).add(key);
        }
        List<Partition> partitions = new ArrayList<>(keys.size());
        keys.forEach((partition, listed) -> partitions.add(new Partition(stores.partition(partition), listed)));
        return partitions;
    }

    /**
     * Every key listed in {@code storeName} of {@code stores}, in key order per partition.
     *
     * @throws StoreUnavailableException when the list cannot be read now, or closes while read (a rebalance)
     */
    private static List<String> of(LocalStores stores, String storeName) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> listed = stores.store(storeName,
                QueryableStoreTypes.<String, Long>keyValueStore()).all()) {
            listed.forEachRemaining(key -> keys.add(key.key));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + storeName + " closed while reading: " + e.getMessage(), e);
        }
        return keys;
    }
}
