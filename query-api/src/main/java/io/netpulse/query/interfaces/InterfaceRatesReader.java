package io.netpulse.query.interfaces;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.rates.RateBucket;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one interface's series from this instance's minute or hour store, as a {@link SeriesPlan} says: the
 * windows of each bucket are merged into one {@link RateBucket} (sum of octets over sum of covered time, so the
 * point is the time-weighted mean), and buckets without data are left out. Buckets are slots of an array by their
 * index in the plan, so a window costs one addition whatever order the store hands them in.
 */
final class InterfaceRatesReader {

    private final LocalStores stores;

    InterfaceRatesReader(LocalStores stores) {
        this.stores = stores;
    }

    /** The series of {@code key} over the plan's buckets. */
    InterfaceMetrics read(InterfaceKey key, SeriesPlan plan) {
        if (plan.isEmpty()) {
            return new InterfaceMetrics(List.of(), List.of());
        }
        RateBucket[] buckets = new RateBucket[Math.toIntExact(plan.buckets())];
        ReadOnlyWindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> store =
                stores.store(plan.store(), QueryableStoreTypes.timestampedWindowStore());
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> windows =
                     store.fetch(key, plan.firstBucket(), plan.readUntil())) {
            while (windows.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<RateBucket>> window = windows.next();
                long index = plan.bucketIndex(window.key);
                if (index >= 0 && index < buckets.length) {
                    RateBucket bucket = buckets[(int) index];
                    buckets[(int) index] = bucket == null ? window.value.value() : bucket.plus(window.value.value());
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + plan.store() + " closed while reading: " + e.getMessage(), e);
        }
        List<MetricDatapoint> in = new ArrayList<>(buckets.length);
        List<MetricDatapoint> out = new ArrayList<>(buckets.length);
        for (int index = 0; index < buckets.length; index++) {
            RateBucket bucket = buckets[index];
            if (bucket != null && bucket.hasData()) {
                long clock = plan.bucketStart(index);
                in.add(new MetricDatapoint(clock, bucket.inBitsPerSecond()));
                out.add(new MetricDatapoint(clock, bucket.outBitsPerSecond()));
            }
        }
        return new InterfaceMetrics(in, out);
    }
}
