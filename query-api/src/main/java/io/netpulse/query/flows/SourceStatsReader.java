package io.netpulse.query.flows;

import io.netpulse.query.auth.Scope;
import io.netpulse.query.iq.KeyLocator;
import io.netpulse.query.iq.ListedKeys;
import io.netpulse.query.iq.LocalStores;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.sourcestats.SourceRollup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's flow statistics stores: one source device by key, every source device this instance
 * holds, or the listed ones of a scope. Minute and hour rows are answered as stored; second rows are minute rows
 * of second slots, opened into one row per second with traffic. Every iterator is closed. Rows come unsorted; at
 * most {@code maxRows} are read, so an over-large answer is detected without reading it all.
 */
final class SourceStatsReader {

    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    private final LocalStores stores;
    private final KeyLocator locator;

    SourceStatsReader(LocalStores stores, KeyLocator locator) {
        this.stores = stores;
        this.locator = locator;
    }

    /**
     * The rows of {@code query} from local stores, at most {@code maxRows}.
     *
     * @param visible the sources the caller may see: a query for every source reads every source listed here when
     *                it is unrestricted (each in its own partition's store) and only its members otherwise, each by
     *                key; a query naming its source must have been checked against it already
     */
    List<ImportStatsRow> read(StatsQuery query, Scope visible, int maxRows) {
        if (query.buckets() == 0 || query.end().toEpochMilli() <= 0) {
            return List.of();
        }
        Rows rows = new Rows(maxRows);
        if (query.source().isPresent()) {
            readSources(stores, query, List.of(query.source().get()), rows);
        } else if (visible.unrestricted()) {
            for (ListedKeys.Partition partition
                    : ListedKeys.byPartition(stores, locator, StoreNames.SOURCE_STATS_SOURCES)) {
                readSources(partition.stores(), query, partition.keys(), rows);
            }
        } else {
            readSources(stores, query, visible.members().stream().sorted().toList(), rows);
        }
        return rows.read;
    }

    private static void readSources(LocalStores stores, StatsQuery query, List<String> sources, Rows rows) {
        if (query.type() == StatsType.FLOWS_PER_SECOND) {
            ReadOnlyWindowStore<String, ValueAndTimestamp<SourceSeconds>> store =
                    stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
            for (String source : sources) {
                readSeconds(store, query, source, rows);
            }
        } else {
            ReadOnlyWindowStore<String, ValueAndTimestamp<SourceStats>> store =
                    stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
            for (String source : sources) {
                readBuckets(store, query, source, rows);
            }
        }
    }

    private static void readBuckets(ReadOnlyWindowStore<String, ValueAndTimestamp<SourceStats>> store,
                                    StatsQuery query, String source, Rows rows) {
        try (WindowStoreIterator<ValueAndTimestamp<SourceStats>> buckets =
                     store.fetch(source, bucketsFrom(query), query.end().minusMillis(1))) {
            while (buckets.hasNext() && rows.open()) {
                KeyValue<Long, ValueAndTimestamp<SourceStats>> bucket = buckets.next();
                rows.add(bucket.key, source, bucket.value.value());
            }
        }
    }

    private static void readSeconds(ReadOnlyWindowStore<String, ValueAndTimestamp<SourceSeconds>> store,
                                    StatsQuery query, String source, Rows rows) {
        try (WindowStoreIterator<ValueAndTimestamp<SourceSeconds>> minutes =
                     store.fetch(source, minutesFrom(query), query.end().minusMillis(1))) {
            while (minutes.hasNext() && rows.open()) {
                KeyValue<Long, ValueAndTimestamp<SourceSeconds>> minute = minutes.next();
                addSeconds(query, minute.key, source, minute.value.value(), rows);
            }
        }
    }

    private static Instant bucketsFrom(StatsQuery query) {
        return notBeforeEpoch(query.firstBucket());
    }

    /** Second rows are minute rows: read from the minute holding the range's first second. */
    private static Instant minutesFrom(StatsQuery query) {
        return notBeforeEpoch(Instant.ofEpochMilli(Math.floorDiv(query.start().toEpochMilli(), MINUTE_MS)
                * MINUTE_MS));
    }

    private static void addSeconds(StatsQuery query, long minuteStart, String source, SourceSeconds row, Rows rows) {
        for (SecondSlot slot : row.getSlots()) {
            Instant second = Instant.ofEpochMilli(minuteStart).plusSeconds(slot.getSecond());
            if (!second.isBefore(query.firstBucket()) && second.isBefore(query.end()) && rows.open()) {
                rows.add(second.toEpochMilli(), source, SourceRollup.second(slot));
            }
        }
    }

    /**
     * The rows read, at most {@code max}; each bucket's time written once, since every source of a query shares
     * the same buckets.
     */
    private static final class Rows {
        private final int max;
        private final List<ImportStatsRow> read = new ArrayList<>();
        private final Map<Long, String> times = new HashMap<>();

        Rows(int max) {
            this.max = max;
        }

        boolean open() {
            return read.size() < max;
        }

        void add(long bucketStart, String source, SourceStats stats) {
            read.add(ImportStatsRow.of(times.computeIfAbsent(bucketStart, ImportStatsRow::timeOf), source, stats));
        }
    }

    private static Instant notBeforeEpoch(Instant instant) {
        return instant.isBefore(Instant.EPOCH) ? Instant.EPOCH : instant;
    }
}
