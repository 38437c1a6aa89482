package io.netpulse.topology.flows;

import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.StoreNames;
import java.time.Duration;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Rolls each updated per-second row up into its minute and its hour ({@link StoreNames#SOURCE_STATS_MINUTE},
 * {@link StoreNames#SOURCE_STATS_HOUR}) and forwards the new minute.
 *
 * <p>A row arrives again whenever a record (late ones within the grace included) changes it. The minute is
 * recomputed from the whole row, so it is right however often it arrives; the hour takes the difference
 * between the minute it had counted and the new one ({@link SourceRollup#hour}), so nothing counts twice.
 * All three stores live in one task and commit together.
 */
final class SourceStatsRollupProcessor implements FixedKeyProcessor<Windowed<String>, SourceSeconds, SourceStats> {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private FixedKeyProcessorContext<Windowed<String>, SourceStats> context;
    private TimestampedWindowStore<String, SourceStats> minutes;
    private TimestampedWindowStore<String, SourceStats> hours;

    @Override
    public void init(FixedKeyProcessorContext<Windowed<String>, SourceStats> context) {
        this.context = context;
        this.minutes = context.getStateStore(StoreNames.SOURCE_STATS_MINUTE);
        this.hours = context.getStateStore(StoreNames.SOURCE_STATS_HOUR);
    }

    @Override
    public void process(FixedKeyRecord<Windowed<String>, SourceSeconds> record) {
        if (record.value() == null) {
            return;
        }
        String source = record.key().key();
        long minuteStart = record.key().window().start();
        SourceStats minute = SourceRollup.minute(record.value());
        ValueAndTimestamp<SourceStats> before = minutes.fetch(source, minuteStart);
        minutes.put(source, ValueAndTimestamp.make(minute, record.timestamp()), minuteStart);

        long hourStart = minuteStart - Math.floorMod(minuteStart, HOUR_MS);
        ValueAndTimestamp<SourceStats> hour = hours.fetch(source, hourStart);
        SourceStats updated = SourceRollup.hour(hour == null ? null : hour.value(),
                before == null ? null : before.value(), minute);
        long hourTimestamp = hour == null ? record.timestamp() : Math.max(hour.timestamp(), record.timestamp());
        hours.put(source, ValueAndTimestamp.make(updated, hourTimestamp), hourStart);

        context.forward(record.withValue(minute));
    }
}
