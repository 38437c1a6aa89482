package io.netpulse.query.flows;

import io.netpulse.query.iq.LocalStores;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.flows.SourceRollup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's flow statistics stores: one source device by key, or every source device this instance
 * holds. Minute and hour rows are answered as stored; second rows are minute rows of second slots, opened into
 * one row per second with traffic. Every iterator is closed. Rows come unsorted; at most {@code maxRows} are
 * read, so an over-large answer is detected without reading it all.
 */
final class SourceStatsReader {

    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    private final LocalStores stores;

    SourceStatsReader(LocalStores stores) {
        this.stores = stores;
    }

    /** The rows of {@code query} from local stores, at most {@code maxRows}. */
    List<ImportStatsRow> read(StatsQuery query, int maxRows) {
        if (query.buckets() == 0 || query.end().toEpochMilli() <= 0) {
            return List.of();
        }
        List<ImportStatsRow> rows = new ArrayList<>();
        if (query.type() == StatsType.FLOWS_PER_SECOND) {
            readSeconds(query, rows, maxRows);
        } else {
            readBuckets(query, rows, maxRows);
        }
        return rows;
    }

    private void readBuckets(StatsQuery query, List<ImportStatsRow> rows, int maxRows) {
        ReadOnlyWindowStore<String, ValueAndTimestamp<SourceStats>> store =
                stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
        Instant from = notBeforeEpoch(query.firstBucket());
        Instant to = query.end().minusMillis(1);
        if (query.source().isPresent()) {
            String source = query.source().get();
            try (WindowStoreIterator<ValueAndTimestamp<SourceStats>> buckets = store.fetch(source, from, to)) {
                while (buckets.hasNext() && rows.size() < maxRows) {
                    KeyValue<Long, ValueAndTimestamp<SourceStats>> bucket = buckets.next();
                    rows.add(ImportStatsRow.of(Instant.ofEpochMilli(bucket.key), source, bucket.value.value()));
                }
            }
        } else {
            try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SourceStats>> buckets =
                         store.fetchAll(from, to)) {
                while (buckets.hasNext() && rows.size() < maxRows) {
                    KeyValue<Windowed<String>, ValueAndTimestamp<SourceStats>> bucket = buckets.next();
                    rows.add(ImportStatsRow.of(bucket.key.window().startTime(), bucket.key.key(),
                            bucket.value.value()));
                }
            }
        }
    }

    private void readSeconds(StatsQuery query, List<ImportStatsRow> rows, int maxRows) {
        ReadOnlyWindowStore<String, ValueAndTimestamp<SourceSeconds>> store =
                stores.store(query.type().store(), QueryableStoreTypes.timestampedWindowStore());
        Instant from = notBeforeEpoch(Instant.ofEpochMilli(
                Math.floorDiv(query.start().toEpochMilli(), MINUTE_MS) * MINUTE_MS));
        Instant to = query.end().minusMillis(1);
        if (query.source().isPresent()) {
            String source = query.source().get();
            try (WindowStoreIterator<ValueAndTimestamp<SourceSeconds>> minutes = store.fetch(source, from, to)) {
                while (minutes.hasNext() && rows.size() < maxRows) {
                    KeyValue<Long, ValueAndTimestamp<SourceSeconds>> minute = minutes.next();
                    addSeconds(query, minute.key, source, minute.value.value(), rows, maxRows);
                }
            }
        } else {
            try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<SourceSeconds>> minutes =
                         store.fetchAll(from, to)) {
                while (minutes.hasNext() && rows.size() < maxRows) {
                    KeyValue<Windowed<String>, ValueAndTimestamp<SourceSeconds>> minute = minutes.next();
                    addSeconds(query, minute.key.window().start(), minute.key.key(), minute.value.value(), rows,
                            maxRows);
                }
            }
        }
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
