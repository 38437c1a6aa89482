package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Sums each address's contributions into base samples and 5-minute billing samples and, as base samples close,
 * rolls them into hours and days.
 *
 * <p>A closed sample's hour is recomputed from the closed samples of that hour (at most six by default) and
 * its day from that day's hours (at most 24): a minimum or maximum cannot be corrected by a difference, and a
 * sample that changes after it closed (a contribution of an exporter the task had not heard from) then gives
 * the same hour and day as if it had come in time. An hour goes to {@code netpulse.ip-stats} when its last
 * sample has closed, again if one of its samples changes after that. A change to a sample also opens its
 * hour's end for closing, so an hour whose last sample had no traffic is emitted too. Each closed base sample
 * with traffic is emitted as well ({@link Closed.Sample}), for the aggregates downstream.
 */
final class IpTrafficProcessor implements Processor<String, IpContribution, String, IpTrafficProcessor.Closed> {

    /** What the processor emits: a closed hour for {@code netpulse.ip-stats}, or a closed base sample. */
    sealed interface Closed {
        /** A closed hour. */
        record Hour(IpTrafficWindowStats stats) implements Closed {
        }

        /** A closed base sample. */
        record Sample(IpClosedSample sample) implements Closed {
        }
    }


    /** The one closing scope of the task: every exporter feeding it. */
    private static final String ALL_EXPORTERS = "";
    private static final long HOUR_MS = IpTrafficFlow.HOUR.toMillis();
    private static final long DAY_MS = IpTrafficFlow.DAY.toMillis();
    private static final long FIVE_MINUTES_MS = IpTrafficFlow.FIVE_MINUTES.toMillis();

    private final Duration sampleLength;
    private final long sampleMillis;
    private final Duration grace;
    private ProcessorContext<String, Closed> context;
    private TimestampedWindowStore<String, IpTrafficSample> samples;
    private TimestampedWindowStore<String, IpTrafficSample> fiveMinutes;
    private TimestampedWindowStore<String, IpTrafficStats> hours;
    private TimestampedWindowStore<String, IpTrafficStats> days;
    private SourceClock clock;
    private ClosingWindows<String> closing;

    IpTrafficProcessor(Duration sampleLength, Duration grace) {
        this.sampleLength = sampleLength;
        this.sampleMillis = sampleLength.toMillis();
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, Closed> context) {
        this.context = context;
        this.samples = context.getStateStore(StoreNames.IP_TRAFFIC_SAMPLE);
        this.fiveMinutes = context.getStateStore(StoreNames.IP_TRAFFIC_FIVE_MINUTE);
        this.hours = context.getStateStore(StoreNames.IP_TRAFFIC_HOUR);
        this.days = context.getStateStore(StoreNames.IP_TRAFFIC_DAY);
        this.clock = SourceClock.open("ip-traffic", context, StoreNames.IP_TRAFFIC_SOURCE_TIME, grace, grace);
        this.closing = ClosingWindows.open(context, StoreNames.IP_TRAFFIC_CLOSING, Serdes.String());
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            long closeTime = clock.closeTimeOfAll();
            closing.close(ALL_EXPORTERS, closeTime, (address, end) -> closed(address, end, closeTime));
        });
    }

    @Override
    public void process(Record<String, IpContribution> record) {
        if (!clock.admit(record.value().exporter(), record.timestamp())) {
            return;
        }
        long sampleStart = record.timestamp() - Math.floorMod(record.timestamp(), sampleMillis);
        WindowedStores.add(samples, record.key(), sampleStart, record.value().bytes(), IpTrafficRollup::plus);
        WindowedStores.add(fiveMinutes, record.key(), record.timestamp() - Math.floorMod(record.timestamp(),
                FIVE_MINUTES_MS), record.value().bytes(), IpTrafficRollup::plus);
        long sampleEnd = sampleStart + sampleMillis;
        long hourEnd = sampleStart - Math.floorMod(sampleStart, HOUR_MS) + HOUR_MS;
        closing.changed(ALL_EXPORTERS, sampleEnd, record.key());
        if (sampleEnd != hourEnd) {
            closing.changed(ALL_EXPORTERS, hourEnd, record.key());
        }
    }

    /** The window of {@code address} ending at {@code end} closed: a sample, the end of an hour, or both. */
    private void closed(String address, long end, long closeTime) {
        ValueAndTimestamp<IpTrafficSample> ending = samples.fetch(address, end - sampleMillis);
        if (ending != null) {
            context.forward(new Record<>(address, (Closed) new Closed.Sample(new IpClosedSample(end - sampleMillis,
                    end, ending.value())), end - sampleMillis));
        }
        long hourStart = end - sampleMillis - Math.floorMod(end - sampleMillis, HOUR_MS);
        long hourEnd = hourStart + HOUR_MS;
        IpTrafficStats hour = IpTrafficRollup.empty();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<IpTrafficSample>> inHour =
                     samples.fetch(address, address, Instant.ofEpochMilli(hourStart),
                             Instant.ofEpochMilli(hourEnd - 1))) {
            while (inHour.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<IpTrafficSample>> sample = inHour.next();
                if (sample.key.window().start() + sampleMillis <= closeTime) {
                    hour = IpTrafficRollup.add(hour, sample.value.value());
                }
            }
        }
        if (hour.getTotal().getCount() == 0) {
            return;
        }
        hours.put(address, ValueAndTimestamp.make(hour, hourStart), hourStart);
        long dayStart = hourStart - Math.floorMod(hourStart, DAY_MS);
        IpTrafficStats day = IpTrafficRollup.empty();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<IpTrafficStats>> inDay =
                     hours.fetch(address, address, Instant.ofEpochMilli(dayStart),
                             Instant.ofEpochMilli(dayStart + DAY_MS - 1))) {
            while (inDay.hasNext()) {
                day = IpTrafficRollup.combine(day, inDay.next().value.value());
            }
        }
        days.put(address, ValueAndTimestamp.make(day, dayStart), dayStart);
        if (end == hourEnd) {
            context.forward(new Record<>(address, new Closed.Hour(IpTrafficRollup.report(address,
                    Instant.ofEpochMilli(hourStart), Instant.ofEpochMilli(hourEnd), sampleLength, hour)), hourStart));
        }
    }
}
