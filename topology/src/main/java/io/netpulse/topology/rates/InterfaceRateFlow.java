package io.netpulse.topology.rates;

import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.directory.Directory;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per-interface bit rates at 1-minute and 1-hour resolution. Each usable interval is spread over the minutes it
 * covers ({@link MinuteSpread}), each share stamped at its minute, and summed per interface and window into
 * {@link RateBucket}s: octets and covered time, so a rate is always the time-weighted mean of the polls.
 *
 * <p>Grace is {@link TopologySettings.RateSettings#grace()}, the maximum gap plus the allowed lateness: a poll
 * that ends a 15-minute interval gives its first share to a minute 15 minutes back, and that minute must still
 * be open. Retention comes from the settings; Kafka Streams refuses one shorter than window size plus grace.
 * The minute windows' final values (once closed) go to {@code netpulse.interface-rates}, one record per
 * interface and minute, so a consumer that sums them never double counts.
 */
public final class InterfaceRateFlow {

    /** The coarse resolution, kept for a long time to answer long ranges. */
    public static final Duration HOUR = Duration.ofHours(1);

    private InterfaceRateFlow() {
    }

    /**
     * Adds the minute and hour rate stores and the output topic over {@code intervals} (from
     * {@link CounterDeltaProcessor}, keyed by interface and partitioned by device, so no repartition is needed).
     */
    public static void addTo(KStream<InterfaceKey, CounterDelta.Interval> intervals, Topics topics,
                             TopologySettings settings) {
        KGroupedStream<InterfaceKey, RateBucket> shares = intervals
                .processValues(MinuteShares::new, Named.as("interface-rates-spread"))
                .groupByKey(Grouped.with("interface-rates-by-interface", InterfaceKey.serde(), RateBucket.serde()));

        Duration grace = settings.rates().grace();
        shares.windowedBy(TimeWindows.ofSizeAndGrace(MinuteSpread.MINUTE, grace))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(() -> RateBucket.EMPTY, (key, share, bucket) -> bucket.plus(share),
                        Named.as("interface-rates-minute"), store(StoreNames.INTERFACE_RATES_MINUTE,
                                settings.rates().minuteRetention()))
                .toStream(Named.as("interface-rates-closed"))
                .processValues(RateRecords::new, Named.as("interface-rates-record"))
                .map((window, rate) -> KeyValue.pair(window.key(), rate), Named.as("interface-rates-key"))
                .to(topics.interfaceRates().name(), topics.interfaceRates().produced().withName("interface-rates-sink"));

        shares.windowedBy(TimeWindows.ofSizeAndGrace(HOUR, grace))
                .aggregate(() -> RateBucket.EMPTY, (key, share, bucket) -> bucket.plus(share),
                        Named.as("interface-rates-hour"), store(StoreNames.INTERFACE_RATES_HOUR,
                                settings.rates().hourRetention()));
    }

    private static Materialized<InterfaceKey, RateBucket, WindowStore<Bytes, byte[]>> store(String name,
                                                                                          Duration retention) {
        return Materialized.<InterfaceKey, RateBucket, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(InterfaceKey.serde())
                .withValueSerde(RateBucket.serde())
                .withRetention(retention);
    }

    /** Emits one share per minute an interval covers, stamped at the minute's start. */
    private static final class MinuteShares
            implements FixedKeyProcessor<InterfaceKey, CounterDelta.Interval, RateBucket> {
        private FixedKeyProcessorContext<InterfaceKey, RateBucket> context;

        @Override
        public void init(FixedKeyProcessorContext<InterfaceKey, RateBucket> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<InterfaceKey, CounterDelta.Interval> record) {
            for (MinuteSpread.Share share : MinuteSpread.of(record.value())) {
                context.forward(record.withValue(RateBucket.of(share)).withTimestamp(share.minute().toEpochMilli()));
            }
        }
    }

    /** The published form of a closed minute, with the interface's id from the directory. */
    private static final class RateRecords
            implements FixedKeyProcessor<Windowed<InterfaceKey>, RateBucket, InterfaceRate> {
        private FixedKeyProcessorContext<Windowed<InterfaceKey>, InterfaceRate> context;
        private Directory directory;

        @Override
        public void init(FixedKeyProcessorContext<Windowed<InterfaceKey>, InterfaceRate> context) {
            this.context = context;
            this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
        }

        @Override
        public void process(FixedKeyRecord<Windowed<InterfaceKey>, RateBucket> record) {
            InterfaceKey key = record.key().key();
            RateBucket bucket = record.value();
            context.forward(record.withValue(InterfaceRate.newBuilder()
                    .setDevice(key.device())
                    .setIfIndex(key.ifIndex())
                    .setInterfaceId(directory.idOf(key).toString())
                    .setWindowStart(Instant.ofEpochMilli(record.key().window().start()))
                    .setWindowEnd(Instant.ofEpochMilli(record.key().window().end()))
                    .setInBitsPerSecond(bucket.inBitsPerSecond())
                    .setOutBitsPerSecond(bucket.outBitsPerSecond())
                    .setInOctets(bucket.inOctets())
                    .setOutOctets(bucket.outOctets())
                    .setCoveredMillis(bucket.coveredMillis())
                    .build()));
        }
    }
}
