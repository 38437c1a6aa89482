package io.netpulse.query.ip;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.query.pipeline.UtcClock;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.TrafficScopeStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one address's hourly or daily statistics from this instance's stores: one data set per stored window in
 * the range, ascending; periods without samples have no window and are left out. The iterator is closed.
 */
final class IpTrafficReader {

    private final LocalStores stores;

    IpTrafficReader(LocalStores stores) {
        this.stores = stores;
    }

    /** The data sets of {@code address} for {@code query}. */
    List<IpTrafficDataSet> read(String address, IpTrafficQuery query) {
        Instant from = query.from().isBefore(Instant.EPOCH) ? Instant.EPOCH : query.from();
        Instant to = query.until().minusMillis(1);
        if (to.isBefore(from)) {
            return List.of();
        }
        ReadOnlyWindowStore<String, ValueAndTimestamp<IpTrafficStats>> store =
                stores.store(query.period().store(), QueryableStoreTypes.timestampedWindowStore());
        List<IpTrafficDataSet> dataSets = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<IpTrafficStats>> windows = store.fetch(address, from, to)) {
            while (windows.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<IpTrafficStats>> window = windows.next();
                TrafficScopeStats stats = query.scope().of(window.value.value());
                if (stats.getCount() > 0) {
                    dataSets.add(new IpTrafficDataSet(stats.getCount(), UtcClock.format(window.key),
                            query.method().valueOf(stats)));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + query.period().store() + " closed while reading: "
                    + e.getMessage(), e);
        }
        return dataSets;
    }
}
