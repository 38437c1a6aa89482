package io.netpulse.topology.billing;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.rates.RateBucket;
import io.netpulse.topology.sites.SiteBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads a period's 5-minute samples of one key out of its aggregate's 5-minute store, the same way for the
 * topology (which emits closed periods) and the query API (which answers any period). Which slot has a sample:
 * an interface's, when polls covered any of it (an idle link polled is a sample of zero); a site's or an
 * address's, when the store holds the slot, which it does once traffic was counted in it. The iterator is closed.
 */
public final class BillingSamples {

    private BillingSamples() {
    }

    /** The samples of interface {@code key} in {@code range}. */
    public static List<BillingSample> ofInterface(ReadOnlyWindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> store,
                                                  InterfaceKey key, BillingRange range) {
        return read(store, key, range, bucket -> bucket.hasData() ? new long[] {bucket.inOctets(), bucket.outOctets()}
                : null);
    }

    /** The samples of site {@code siteId} in {@code range}. */
    public static List<BillingSample> ofSite(ReadOnlyWindowStore<String, ValueAndTimestamp<SiteBytes>> store,
                                             String siteId, BillingRange range) {
        return read(store, siteId, range, bytes -> new long[] {bytes.inOctets(), bytes.outOctets()});
    }

    /** The samples of IP address {@code address} (normalized) in {@code range}: in is received, out transmitted. */
    public static List<BillingSample> ofAddress(ReadOnlyWindowStore<String, ValueAndTimestamp<IpTrafficSample>> store,
                                                String address, BillingRange range) {
        return read(store, address, range, bytes -> new long[] {bytes.getReceived(), bytes.getTransmitted()});
    }

    private static <K, V> List<BillingSample> read(ReadOnlyWindowStore<K, ValueAndTimestamp<V>> store, K key,
                                                   BillingRange range, Function<V, long[]> inAndOut) {
        List<BillingSample> samples = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<V>> slots =
                     store.fetch(key, range.start(), range.end().minusMillis(1))) {
            while (slots.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<V>> slot = slots.next();
                long[] bytes = slot.value == null ? null : inAndOut.apply(slot.value.value());
                if (bytes != null) {
                    samples.add(new BillingSample(Instant.ofEpochMilli(slot.key), bytes[0], bytes[1]));
                }
            }
        }
        return samples;
    }
}
