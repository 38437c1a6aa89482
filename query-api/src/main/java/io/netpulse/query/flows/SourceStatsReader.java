package io.netpulse.query.flows;

import io.netpulse.query.auth.Scope;
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
import java.util.List;
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

    SourceStatsReader(LocalStores stores) {
        this.stores = stores;
    }

    /**
     * The rows of {@code query} from local stores, at most {@code maxRows}.
     *
     * @param visible the sources the caller may see: a query for every source reads every source listed here when
     *                it is unrestricted and only its members otherwise, each by key; a query naming its source
     *                must have been checked against it already
     */
    List<ImportStatsRow> read(StatsQuery query, Scope visible, int maxRows) {
        if (query.buckets() == 0 || query.end().toEpochMilli() <= 0) {
            return List.of();
        }
        List<ImportStatsRow> rows = new ArrayList<>();
        List<String> sources = query.source().map(List::of)
                .orElseGet(() -> visible.unrestricted()
                        ? ListedKeys.of(stores, StoreNames.SOURCE_STATS_SOURCES)
                        : visible.members().stream().sorted().toList());
        for (String source : sources) {
            if (query.type() == StatsType.FLOWS_PER_SECOND) {
                readSeconds(query, source, rows, maxRows);
            } else {
                readBuckets(query, source, rows, maxRows);
            }
        }
        return rows;
    }

    private ReadOnlyWindowStore<String, ValueAndTimestamp<SourceStats>> bucketStore(StatsQuery query) {
        return stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
    }

    private ReadOnlyWindowStore<String, ValueAndTimestamp<SourceSeconds>> secondStore(StatsQuery query) {
        return stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
    }

    private void readBuckets(StatsQuery query, String source, List<ImportStatsRow> rows, int maxRows) {
        try (WindowStoreIterator<ValueAndTimestamp<SourceStats>> buckets =
                     bucketStore(query).fetch(source, bucketsFrom(query), query.end().minusMillis(1))) {
            while (buckets.hasNext() && rows.size() < maxRows) {
                KeyValue<Long, ValueAndTimestamp<SourceStats>> bucket = buckets.next();
                rows.add(ImportStatsRow.of(Instant.ofEpochMilli(bucket.key), source, bucket.value.value()));
            }
        }
    }

    private void readSeconds(StatsQuery query, String source, List<ImportStatsRow> rows, int maxRows) {
        try (WindowStoreIterator<ValueAndTimestamp<SourceSeconds>> minutes =
                     secondStore(query).fetch(source, minutesFrom(query), query.end().minusMillis(1))) {
            while (minutes.hasNext() && rows.size() < maxRows) {
                KeyValue<Long, ValueAndTimestamp<SourceSeconds>> minute = minutes.next();
                addSeconds(query, minute.key, source, minute.value.value(), rows, maxRows);
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

    private static void addSeconds(StatsQuery query, long minuteStart, String source, SourceSeconds row,
                                   List<ImportStatsRow> rows, int maxRows) {
        for (SecondSlot slot : row.getSlots()) {
            Instant second = Instant.ofEpochMilli(minuteStart).plusSeconds(slot.getSecond());
            if (!second.isBefore(query.firstBucket()) && second.isBefore(query.end()) && rows.size() < maxRows) {
                rows.add(ImportStatsRow.of(second, source, SourceRollup.second(slot)));
            }
        }
    }

    private static Instant notBeforeEpoch(Instant instant) {
        return instant.isBefore(Instant.EPOCH) ? Instant.EPOCH : instant;
    }
}
