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
 * <p>The minute and the hour each add the record's counts and take the larger of their peaks and the record's
 * second as the row now holds it ({@link SourceRollup#record}), so nothing counts twice, and a minute whose row is
 * gone (its source behind the task by more than the seconds are kept) still counts every record. All stores live
 * in one task and commit together.
 */
final class SourceStatsProcessor implements Processor<String, FlowCounts, String, SourceWindowStats> {

    private static final long MINUTE_MS = SourceStatsFlow.MINUTE.toMillis();
    private static final long HOUR_MS = SourceStatsFlow.HOUR.toMillis();

    private final Duration grace;
    private ProcessorContext<String, SourceWindowStats> context;
    private TimestampedWindowStore<String, SourceSeconds> seconds;
    private TimestampedWindowStore<String, SourceStats> minutes;
    private TimestampedWindowStore<String, SourceStats> hours;
    private SourceClock clock;
    private ClosingWindows<String> closing;
    private WindowKeys sources;

    SourceStatsProcessor(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, SourceWindowStats> context) {
        this.context = context;
        this.seconds = context.getStateStore(StoreNames.SOURCE_STATS_SECOND);
        this.minutes = context.getStateStore(StoreNames.SOURCE_STATS_MINUTE);
        this.hours = context.getStateStore(StoreNames.SOURCE_STATS_HOUR);
        this.clock = SourceClock.open("source-stats", context, StoreNames.SOURCE_STATS_SOURCE_TIME, grace, grace);
        this.closing = ClosingWindows.open(context, StoreNames.SOURCE_STATS_CLOSING, Serdes.String());
        this.sources = WindowKeys.open(context, StoreNames.SOURCE_STATS_SOURCES, hours);
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            sources.check();
            closing.closeEach(clock::closeTime, this::emit);
        });
    }

    @Override
    public void process(Record<String, FlowCounts> record) {
        String source = record.key();
        long at = record.value().getCountedAt().toEpochMilli();
        if (!clock.admit(source, at)) {
            return;
        }
        long minuteStart = at - Math.floorMod(at, MINUTE_MS);
        sources.note(source, minuteStart);
        ValueAndTimestamp<SourceSeconds> row = seconds.fetch(source, minuteStart);
        SourceSeconds updated = SecondSlots.add(row == null ? SecondSlots.empty() : row.value(), record.value());
        seconds.put(source, ValueAndTimestamp.make(updated, minuteStart), minuteStart);

        SourceStats added = SourceRollup.record(record.value(), SecondSlots.slotOf(updated, record.value()));
        WindowedStores.add(minutes, source, minuteStart, added, SourceRollup::merge);
        WindowedStores.add(hours, source, minuteStart - Math.floorMod(minuteStart, HOUR_MS), added,
                SourceRollup::merge);

        closing.changed(source, minuteStart + MINUTE_MS, source);
        closing.close(source, clock.closeTime(source), this::emit);
    }

    private void emit(String source, long minuteEnd) {
        long minuteStart = minuteEnd - MINUTE_MS;
        ValueAndTimestamp<SourceStats> minute = minutes.fetch(source, minuteStart);
        if (minute != null) {
            context.forward(new Record<>(source, SourceStatsFlow.report(source, minuteStart, minute.value()),
                    minuteStart));
        }
    }
}
