package io.netpulse.query.flows;

import io.netpulse.query.iq.LocalStores;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The stores of a TopologyTestDriver as {@link LocalStores}, so queries read the very store types the app reads.
 * The driver refuses {@code getStateStore} for built-in store types, so each is fetched by its own getter.
 */
final class FlowStatsStores {

    private FlowStatsStores() {
    }

    static LocalStores of(TopologyTestDriver driver) {
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
                return (T) driver.getStateStore(name);
            }
        };
    }
}
