package io.netpulse.query.ip;

import io.netpulse.query.iq.LocalStores;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The stores of a TopologyTestDriver as {@link LocalStores}: window stores and the directory (a global key-value
 * store) through the driver's timestamped getters, since the driver refuses {@code getStateStore} for built-in
 * store types.
 */
final class IpTrafficStores {

    private IpTrafficStores() {
    }

    static LocalStores of(TopologyTestDriver driver) {
        return new LocalStores() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (type instanceof QueryableStoreTypes.TimestampedWindowStoreType<?, ?>) {
                    return (T) driver.getTimestampedWindowStore(name);
                }
                if (type instanceof QueryableStoreTypes.KeyValueStoreType<?, ?>) {
                    // the directory is a timestamped store; Directory reads its values either way
                    return (T) driver.getTimestampedKeyValueStore(name);
                }
                throw new IllegalArgumentException("no test store of type " + type + " for " + name);
            }
        };
    }
}
