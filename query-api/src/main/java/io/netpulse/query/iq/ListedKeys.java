package io.netpulse.query.iq;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The keys an aggregate lists beside its window stores ({@code io.netpulse.topology.time.WindowKeys}): a query over
 * every key reads these, then each key's windows over its range, instead of scanning every key's windows.
 */
public final class ListedKeys {

    private ListedKeys() {
    }

    /**
     * Every key listed in {@code storeName} of {@code stores}, in key order.
     *
     * @throws StoreUnavailableException when the list cannot be read now, or closes while read (a rebalance)
     */
    public static List<String> of(LocalStores stores, String storeName) {
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
