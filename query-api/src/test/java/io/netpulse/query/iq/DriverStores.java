package io.netpulse.query.iq;

import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The stores of a TopologyTestDriver as {@link LocalStores}, so API tests query the very store types a running
 * instance hands out. The driver gives its built-in stores only through its typed getters, so each type is fetched
 * by its own; a timestamped key-value store (the global directory) comes through the driver's facade.
 */
public final class DriverStores {

    private DriverStores() {
    }

    /** The driver's stores. */
    public static LocalStores of(TopologyTestDriver driver) {
        return new LocalStores() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T store(String name, QueryableStoreType<T> type) {
                if (type instanceof QueryableStoreTypes.TimestampedWindowStoreType<?, ?>) {
                    return (T) driver.getTimestampedWindowStore(name);
                }
                if (type instanceof QueryableStoreTypes.WindowStoreType<?, ?>) {
                    return (T) driver.getWindowStore(name);
                }
                if (type instanceof QueryableStoreTypes.KeyValueStoreType<?, ?>) {
                    return (T) driver.getKeyValueStore(name);
                }
                throw new IllegalArgumentException("no test access to " + name + " as " + type);
            }
        };
    }
}
