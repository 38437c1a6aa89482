package io.netpulse.query.toptalkers;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.toptalkers.OpenBuckets;
import io.netpulse.topology.toptalkers.TalkerLists;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one scope's lists over a range from this instance's stores and merges them: the hour lists of the whole
 * hours in the range, the minute lists of the minutes before the first and after the last whole hour, and the
 * exact counts of the minutes still open anywhere in the range. A closed minute is in the minute and hour lists,
 * an open one in neither, so nothing counts twice. The merge is one k-way sum, so its result does not depend on
 * the order the buckets are read in. Every iterator is closed.
 */
final class TopTalkersReader {

    private final LocalStores stores;

    TopTalkersReader(LocalStores stores) {
        this.stores = stores;
    }

    /** Every list of {@code scope} in [{@code start}, {@code end}) merged, uncut. */
    TopTalkers read(String scope, Instant start, Instant end) {
        List<TopTalkers> buckets = new ArrayList<>();
        Instant firstHour = TopTalkersRequest.hourCeiling(start);
        Instant lastHour = end.truncatedTo(ChronoUnit.HOURS);
        if (firstHour.isBefore(lastHour)) {
            fetch(StoreNames.TOP_TALKERS_MINUTE, scope, start, firstHour, buckets);
            fetch(StoreNames.TOP_TALKERS_HOUR, scope, firstHour, lastHour, buckets);
            fetch(StoreNames.TOP_TALKERS_MINUTE, scope, lastHour, end, buckets);
        } else {
            fetch(StoreNames.TOP_TALKERS_MINUTE, scope, start, end, buckets);
        }
        ReadOnlyKeyValueStore<Bytes, byte[]> open = stores.store(StoreNames.TOP_TALKERS_OPEN,
                QueryableStoreTypes.keyValueStore());
        buckets.addAll(OpenBuckets.read(open, scope, start.toEpochMilli(), end.toEpochMilli(), Integer.MAX_VALUE)
                .values());
        return TalkerLists.merge(buckets, Integer.MAX_VALUE);
    }

    private void fetch(String store, String scope, Instant from, Instant to, List<TopTalkers> buckets) {
        if (!from.isBefore(to)) {
            return;
        }
        ReadOnlyWindowStore<String, ValueAndTimestamp<TopTalkers>> windows = stores.store(store,
                QueryableStoreTypes.timestampedWindowStore());
        try (WindowStoreIterator<ValueAndTimestamp<TopTalkers>> found = windows.fetch(scope, from,
                to.minusMillis(1))) {
            found.forEachRemaining(bucket -> buckets.add(bucket.value.value()));
        }
    }
}
