package io.netpulse.query.interfaces;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.query.iq.StoreUnavailableException;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.rates.RateBucket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one interface's series from this instance's minute or hour store, as a {@link SeriesPlan} says: the
 * windows of each bucket are merged into one {@link RateBucket} (sum of octets over sum of covered time, so the
 * point is the time-weighted mean), and buckets without data are left out.
 */
final class InterfaceRatesReader {

    /** The seed's clock format, in UTC. */
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LocalStores stores;

    InterfaceRatesReader(LocalStores stores) {
        this.stores = stores;
    }

    /** The series of {@code key} over the plan's buckets. */
    InterfaceMetrics read(InterfaceKey key, SeriesPlan plan) {
        if (plan.isEmpty()) {
            return new InterfaceMetrics(List.of(), List.of());
        }
        Map<Instant, RateBucket> buckets = new TreeMap<>();
        ReadOnlyWindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> store =
                stores.store(plan.store(), QueryableStoreTypes.timestampedWindowStore());
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> windows =
                     store.fetch(key, plan.firstBucket(), plan.readUntil())) {
            windows.forEachRemaining(window -> buckets.merge(plan.bucketOf(Instant.ofEpochMilli(window.key)),
                    window.value.value(), RateBucket::plus));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + plan.store() + " closed while reading: " + e.getMessage(), e);
        }
        List<MetricDatapoint> in = new ArrayList<>(buckets.size());
        List<MetricDatapoint> out = new ArrayList<>(buckets.size());
        buckets.forEach((start, bucket) -> {
            if (bucket.hasData()) {
                String clock = CLOCK.format(start);
                in.add(new MetricDatapoint(clock, bucket.inBitsPerSecond()));
                out.add(new MetricDatapoint(clock, bucket.outBitsPerSecond()));
            }
        });
        return new InterfaceMetrics(in, out);
    }
}
