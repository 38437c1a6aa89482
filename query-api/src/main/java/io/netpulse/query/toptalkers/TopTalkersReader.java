package io.netpulse.query.toptalkers;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.toptalkers.OpenBuckets;
import io.netpulse.topology.toptalkers.TalkerLists;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one scope's lists over a range from this instance's stores and merges them: the hour lists of the whole
 * hours in the range that have closed, the minute lists of every other minute of the range (before the first and
 * after the last whole hour, and of whole hours not closed yet), and the exact counts of the minutes still open
 * anywhere in the range. A closed minute is in the minute and hour lists,
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
            Instant next = firstHour;
            for (KeyValue<Long, TopTalkers> hour : hours(scope, firstHour, lastHour)) {
                // an hour not closed yet (its last minutes within the grace) is read from its minutes
                fetch(StoreNames.TOP_TALKERS_MINUTE, scope, next, Instant.ofEpochMilli(hour.key), buckets);
                buckets.add(hour.value);
                next = Instant.ofEpochMilli(hour.key).plus(Duration.ofHours(1));
            }
            fetch(StoreNames.TOP_TALKERS_MINUTE, scope, next, end, buckets);
        } else {
            fetch(StoreNames.TOP_TALKERS_MINUTE, scope, start, end, buckets);
        }
        ReadOnlyKeyValueStore<Bytes, byte[]> open = stores.store(StoreNames.TOP_TALKERS_OPEN,
                QueryableStoreTypes.keyValueStore());
        buckets.addAll(OpenBuckets.read(open, scope, start.toEpochMilli(), end.toEpochMilli(), Integer.MAX_VALUE)
                .values());
        return TalkerLists.merge(buckets, Integer.MAX_VALUE);
    }

    private List<KeyValue<Long, TopTalkers>> hours(String scope, Instant from, Instant to) {
        List<KeyValue<Long, TopTalkers>> found = new ArrayList<>();
        ReadOnlyWindowStore<String, ValueAndTimestamp<TopTalkers>> windows = stores.store(
                StoreNames.TOP_TALKERS_HOUR, QueryableStoreTypes.timestampedWindowStore());
        try (WindowStoreIterator<ValueAndTimestamp<TopTalkers>> hours = windows.fetch(scope, from,
                to.minusMillis(1))) {
            hours.forEachRemaining(hour -> found.add(KeyValue.pair(hour.key, hour.value.value())));
        }
        return found;
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
