package io.netpulse.query.iq;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * This instance's stores, read only. Callers close every iterator they open (try-with-resources).
 * Tests supply the stores of a TopologyTestDriver instead, so queries run on the same store types.
 */
@FunctionalInterface
public interface LocalStores {

    /**
     * The local store {@code name}.
     *
     * @throws StoreUnavailableException when it cannot be read now (rebalance, restore, closed)
     */
    <T> T store(String name, QueryableStoreType<T> type);

    /**
     * The stores of a running KafkaStreams.
     *
     * @param allowStandby answer from standby replicas too (fresher than nothing while the active one restores)
     */
    static LocalStores of(KafkaStreams streams, boolean allowStandby) {
        return new LocalStores() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
                StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(name, type);
                try {
                    return streams.store(allowStandby ? parameters.enableStaleStores() : parameters);
                } catch (InvalidStateStoreException e) {
                    throw new StoreUnavailableException("store " + name + " is not queryable: " + e.getMessage(), e);
                }
            }
        };
    }
}
