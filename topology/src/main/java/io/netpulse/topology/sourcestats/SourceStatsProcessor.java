package io.netpulse.topology.sourcestats;

import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowKeys;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Adds each source's flow counts to its per-second row ({@link StoreNames#SOURCE_STATS_SECOND}), its minute and
 * its hour ({@link StoreNames#SOURCE_STATS_MINUTE}, {@link StoreNames#SOURCE_STATS_HOUR}); emits each minute once
 * it closes.
 *
 * <p>A record is a batch of one source's seconds ({@link FlowCountsBatch}), each judged by the source's clock in the
 * batch's order, as records of their own were. The minute and the hour each add a second's counts and take the
 * larger of their peaks and that second as the row now holds it ({@link SourceRollup#record}), so nothing counts
 * twice, and a minute whose row is gone (its source behind the task by more than the seconds are kept) still counts
 * every second. Consecutive seconds of one minute are added together and written once: the row, the minute and the
 * hour each take one write for them, where a record per second took one each. All stores live in one task and
 * commit together.
 *
 * <p>The row a record adds to is nearly always the one its source's previous record wrote: the task keeps that row
 * decoded ({@link LatestRows}) rather than reading it back through the store's serde, which decoding up to sixty
 * slots made a tenth of the flows' processing. Every row is still written to the store as before.
 */
final class SourceStatsProcessor implements Processor<String, FlowCountsBatch, String, SourceWindowStats> {

    private static final long MINUTE_MS = SourceStatsFlow.MINUTE.toMillis();
    private static final long HOUR_MS = SourceStatsFlow.HOUR.toMillis();

    private final Duration grace;
    private final LatestRows latestRows;
    private ProcessorContext<String, SourceWindowStats> context;
    private TimestampedWindowStore<String, SourceSeconds> seconds;
    private TimestampedWindowStore<String, SourceStats> minutes;
    private TimestampedWindowStore<String, SourceStats> hours;
    private SourceClock clock;
    private ClosingWindows<String> closing;
    private WindowKeys sources;

    SourceStatsProcessor(Duration grace, Duration secondRetention) {
        this.grace = grace;
        this.latestRows = new LatestRows(secondRetention.toMillis());
    }

    @Override
    public void init(ProcessorContext<String, SourceWindowStats> context) {
        this.context = context;
        this.seconds = context.getStateStore(StoreNames.SOURCE_STATS_SECOND);
        this.minutes = context.getStateStore(StoreNames.SOURCE_STATS_MINUTE);
        this.hours = context.getStateStore(StoreNames.SOURCE_STATS_HOUR);
        this.clock = SourceClock.open("source-stats", context, StoreNames.SOURCE_STATS_SOURCE_TIME, grace, grace);
        this.latestRows.restart(clock.latestOfAll());
        this.closing = ClosingWindows.open(context, StoreNames.SOURCE_STATS_CLOSING, Serdes.String());
        this.sources = WindowKeys.open(context, StoreNames.SOURCE_STATS_SOURCES, hours);
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            sources.check();
            closing.closeEach(clock::closeTime, this::emit);
        });
    }

    @Override
    public void process(Record<String, FlowCountsBatch> record) {
        String source = record.key();
        Minute open = null;
        for (FlowCounts counts : record.value().seconds()) {
            long at = counts.getCountedAt().toEpochMilli();
            if (!clock.admit(source, at)) {
                continue;
            }
            long minuteStart = at - Math.floorMod(at, MINUTE_MS);
            if (open == null || open.start != minuteStart) {
                write(source, open);
                open = new Minute(minuteStart, row(source, minuteStart));
            }
            open.add(counts);
            // The open minute cannot close here: its own second was just admitted within the grace.
            closing.close(source, clock.closeTime(source), this::emit);
        }
        write(source, open);
    }

    /** The seconds of one minute read in a row: written once, with what they add to the minute and the hour. */
    private static final class Minute {
        private final long start;
        private SourceSeconds row;
        private SourceStats added = SourceRollup.NOTHING;

        Minute(long start, SourceSeconds row) {
            this.start = start;
            this.row = row;
        }

        void add(FlowCounts counts) {
            row = SecondSlots.add(row, counts);
            added = SourceRollup.merge(added, SourceRollup.record(counts, SecondSlots.slotOf(row, counts)));
        }
    }

    private void write(String source, Minute minute) {
        if (minute == null) {
            return;
        }
        sources.note(source, minute.start);
        seconds.put(source, ValueAndTimestamp.make(minute.row, minute.start), minute.start);
        latestRows.wrote(source, minute.start, minute.row);
        WindowedStores.add(minutes, source, minute.start, minute.added, SourceRollup::merge);
        WindowedStores.add(hours, source, minute.start - Math.floorMod(minute.start, HOUR_MS), minute.added,
                SourceRollup::merge);
        closing.changed(source, minute.start + MINUTE_MS, source);
    }

    /** The seconds row of {@code source} and minute as the store holds it: the one written last, or read. */
    private SourceSeconds row(String source, long minuteStart) {
        SourceSeconds held = latestRows.of(source, minuteStart);
        if (held != null) {
            return held;
        }
        ValueAndTimestamp<SourceSeconds> row = seconds.fetch(source, minuteStart);
        return row == null ? SecondSlots.empty() : row.value();
    }

    @Override
    public void close() {
        latestRows.clear();
    }

    private void emit(String source, long minuteEnd) {
        long minuteStart = minuteEnd - MINUTE_MS;
        ValueAndTimestamp<SourceStats> minute = minutes.fetch(source, minuteStart);
        if (minute != null) {
            context.forward(new Record<>(source, SourceStatsFlow.report(source, minuteStart, minute.value()),
                    minuteStart));
        }
    }

    /**
     * The row each source wrote last in this task, decoded, at most {@value #MAX_ROWS} sources (the least recently
     * used go first: they are read from the store again). This task is the only writer of its seconds rows, so a
     * held row is what the store holds, unless the row's minute has left the store's retention. The store measures
     * that from the newest window written to it, restores included; here it is measured from the newest minute
     * written since the task started or, if later, the minute of the newest record of any of its sources when it
     * started (restored with the rows and never behind them), a minute early: such a row is read from the store
     * instead, as it would have been. Emptied when the task (re)starts, since a restore or an aborted transaction
     * resets the store underneath.
     */
    static final class LatestRows {

        /** Sources held at most: about 4 KB each when a row holds all sixty seconds. */
        static final int MAX_ROWS = 1_024;

        private record Row(long minuteStart, SourceSeconds row) {
        }

        private final Map<String, Row> rows = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
                return size() > MAX_ROWS;
            }
        };
        private final long retentionMs;
        private long newestMinute = Long.MIN_VALUE;

        /** Rows of a seconds store that keeps {@code retentionMs}. */
        LatestRows(long retentionMs) {
            this.retentionMs = retentionMs;
        }

        /** The row of {@code source} and {@code minuteStart} if it is the one held and still retained, else null. */
        SourceSeconds of(String source, long minuteStart) {
            Row held = rows.get(source);
            if (held == null || held.minuteStart() != minuteStart
                    || minuteStart <= newestMinute - retentionMs + MINUTE_MS) {
                return null;
            }
            return held.row();
        }

        void wrote(String source, long minuteStart, SourceSeconds row) {
            rows.put(source, new Row(minuteStart, row));
            newestMinute = Math.max(newestMinute, minuteStart);
        }

        int size() {
            return rows.size();
        }

        /** Empties the rows; {@code latestEventTime}: the newest record of the task's sources, or MIN_VALUE. */
        void restart(long latestEventTime) {
            rows.clear();
            newestMinute = latestEventTime == Long.MIN_VALUE ? Long.MIN_VALUE
                    : latestEventTime - Math.floorMod(latestEventTime, MINUTE_MS);
        }

        void clear() {
            restart(Long.MIN_VALUE);
        }
    }
}
