package io.netpulse.topology.rates;

import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.inputs.counters.CounterDeltaProcessor;
import io.netpulse.topology.inputs.counters.MinuteSpread;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per-interface bit rates at 1-minute and 1-hour resolution. Each usable interval is spread over the minutes it
 * covers ({@link MinuteSpread}) and summed per interface into {@link RateBucket}s (octets and covered time, so a
 * rate is always the time-weighted mean of the polls) in {@link StoreNames#INTERFACE_RATES_MINUTE} and
 * {@link StoreNames#INTERFACE_RATES_HOUR}: both from the same shares, so the two always add up to the same bytes.
 *
 * <p>Nothing is dropped here: the samples were judged against their own device's lateness before
 * ({@link CounterDeltaProcessor}), and every interval that comes out of them counts, whatever the order the
 * partitions were read in. A minute closes when its device's clock ({@link SourceClock}) is past its end by the
 * grace, the maximum gap plus the lateness (a poll that ends a 15-minute interval gives its first share to a
 * minute 15 minutes back), or when the device has been quiet that long by the wall clock; its final value then
 * goes to {@code netpulse.interface-rates}, one record per interface and minute (again, with the new value, only
 * if a record of a device quiet for longer than the grace changes it after). Windows are kept key-first, so a
 * query of one interface reads only that interface's windows. Per interval: one read and one write per minute,
 * five minutes and hour it touches, straight to RocksDB: an interface writes each window about once per poll, so a
 * record cache would merge nothing between commits.
 */
public final class InterfaceRateFlow {

    /** The middle resolution, kept long enough to bill from. */
    public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    /** The coarse resolution, kept for a long time to answer long ranges. */
    public static final Duration HOUR = Duration.ofHours(1);
    private static final long MINUTE_MS = MinuteSpread.MINUTE.toMillis();
    private static final long FIVE_MINUTES_MS = FIVE_MINUTES.toMillis();
    private static final long HOUR_MS = HOUR.toMillis();

    private InterfaceRateFlow() {
    }

    /**
     * Adds the minute and hour rate stores and the output topic over the counters' intervals (keyed by interface
     * and partitioned by device, so no repartition is needed), and returns the closed minutes as they go to the
     * topic, still partitioned by device, for the aggregates downstream.
     */
    public static KStream<InterfaceKey, InterfaceRate> addTo(Inputs inputs, Topics topics,
                                                             TopologySettings settings) {
        KStream<InterfaceKey, InterfaceRate> closed = inputs.intervals()
                .process(supplier(settings.rates()), Named.as("interface-rates"));
        closed.to(topics.interfaceRates().name(), topics.interfaceRates().produced().withName("interface-rates-sink"));
        return closed;
    }

    private static ProcessorSupplier<InterfaceKey, CounterDelta.Interval, InterfaceKey, InterfaceRate> supplier(
            TopologySettings.RateSettings rates) {
        return WindowedStores.supplier(() -> new RatesProcessor(rates), Set.of(
                WindowedStores.uncachedStore(StoreNames.INTERFACE_RATES_MINUTE, rates.minuteRetention(),
                        MinuteSpread.MINUTE, InterfaceKey.serde(), RateBucket.serde()),
                WindowedStores.uncachedStore(StoreNames.INTERFACE_RATES_FIVE_MINUTE, rates.fiveMinuteRetention(),
                        FIVE_MINUTES, InterfaceKey.serde(), RateBucket.serde()),
                WindowedStores.uncachedStore(StoreNames.INTERFACE_RATES_HOUR, rates.hourRetention(), HOUR,
                        InterfaceKey.serde(), RateBucket.serde()),
                SourceClock.store(StoreNames.INTERFACE_RATES_SOURCE_TIME),
                ClosingWindows.store(StoreNames.INTERFACE_RATES_CLOSING)));
    }

    /** Adds each interval's shares to its minutes and hours and emits the minutes that closed. */
    private static final class RatesProcessor
            implements Processor<InterfaceKey, CounterDelta.Interval, InterfaceKey, InterfaceRate> {
        private final TopologySettings.RateSettings rates;
        private ProcessorContext<InterfaceKey, InterfaceRate> context;
        private TimestampedWindowStore<InterfaceKey, RateBucket> minutes;
        private TimestampedWindowStore<InterfaceKey, RateBucket> fiveMinutes;
        private TimestampedWindowStore<InterfaceKey, RateBucket> hours;
        private SourceClock clock;
        private ClosingWindows<InterfaceKey> closing;
        private Directory directory;

        RatesProcessor(TopologySettings.RateSettings rates) {
            this.rates = rates;
        }

        @Override
        public void init(ProcessorContext<InterfaceKey, InterfaceRate> context) {
            this.context = context;
            this.minutes = context.getStateStore(StoreNames.INTERFACE_RATES_MINUTE);
            this.fiveMinutes = context.getStateStore(StoreNames.INTERFACE_RATES_FIVE_MINUTE);
            this.hours = context.getStateStore(StoreNames.INTERFACE_RATES_HOUR);
            this.clock = SourceClock.open("interface-rates", context, StoreNames.INTERFACE_RATES_SOURCE_TIME,
                    rates.lateness(), rates.grace());
            this.closing = ClosingWindows.open(context, StoreNames.INTERFACE_RATES_CLOSING, InterfaceKey.serde());
            this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
            context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                    now -> closing.closeEach(clock::closeTime, this::emit));
        }

        @Override
        public void process(Record<InterfaceKey, CounterDelta.Interval> record) {
            InterfaceKey key = record.key();
            String device = key.device();
            clock.observe(device, record.timestamp());
            int sign = record.value().sign();
            // An interval's minutes mostly share their five minutes and hour: each of those is written once, with
            // the sum of its minutes (the same octets and covered time as adding the minutes one by one).
            Map<Long, RateBucket> fiveMinuteSums = new LinkedHashMap<>();
            Map<Long, RateBucket> hourSums = new LinkedHashMap<>();
            for (MinuteSpread.Share share : MinuteSpread.of(record.value())) {
                long minute = share.minute().toEpochMilli();
                RateBucket bucket = RateBucket.of(share, sign);
                WindowedStores.add(minutes, key, minute, bucket, RateBucket::plus);
                fiveMinuteSums.merge(minute - Math.floorMod(minute, FIVE_MINUTES_MS), bucket, RateBucket::plus);
                hourSums.merge(minute - Math.floorMod(minute, HOUR_MS), bucket, RateBucket::plus);
                closing.changed(device, minute + MINUTE_MS, key);
            }
            fiveMinuteSums.forEach((start, sum) -> WindowedStores.add(fiveMinutes, key, start, sum, RateBucket::plus));
            hourSums.forEach((start, sum) -> WindowedStores.add(hours, key, start, sum, RateBucket::plus));
            closing.close(device, clock.closeTime(device), this::emit);
        }

        /** The published form of a closed minute, with the interface's id from the directory. */
        private void emit(InterfaceKey key, long windowEnd) {
            long windowStart = windowEnd - MINUTE_MS;
            ValueAndTimestamp<RateBucket> minute = minutes.fetch(key, windowStart);
            // A minute whose only poll interval was taken back has no rate: nothing to say about it.
            if (minute == null || !minute.value().hasData()) {
                return;
            }
            RateBucket bucket = minute.value();
            context.forward(new Record<>(key, InterfaceRate.newBuilder()
                    .setDevice(key.device())
                    .setIfIndex(key.ifIndex())
                    .setInterfaceId(directory.idOf(key).toString())
                    .setWindowStart(Instant.ofEpochMilli(windowStart))
                    .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                    .setInBitsPerSecond(bucket.inBitsPerSecond())
                    .setOutBitsPerSecond(bucket.outBitsPerSecond())
                    .setInOctets(bucket.inOctets())
                    .setOutOctets(bucket.outOctets())
                    .setCoveredMillis(bucket.coveredMillis())
                    .build(), windowStart));
        }
    }
}
