package io.netpulse.topology.sites;

import io.netpulse.schema.aggregate.SiteVolume;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.ingest.InventoryRecord;
import io.netpulse.topology.rates.CounterDelta;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.rates.MinuteSpread;
import io.netpulse.topology.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per-site transferred volume at 1-minute and 1-hour resolution, from the very intervals the interface rates use
 * (wraps, reboots, gaps and implausible jumps are decided once, in {@link CounterDelta}).
 *
 * <p>Each interval is joined, at its end poll time (the record's timestamp), with the versioned interface-to-site
 * table ({@link SiteMemberships}), so a replay gives the same answer and an interface moved to another site counts
 * for the new one from the first poll after the move. {@link SiteAttribution} decides where it goes: an excluded
 * interface ({@code count_in_site_volume} false) is only summed in {@code site-volume-excluded-octets}; one
 * without a site counts under {@link #UNASSIGNED_SITE} and in {@code site-volume-unassigned-octets} (both per
 * device and in total, in bytes). The volume is spread over the minutes it covers in whole bytes
 * ({@link MinuteSpread}: the minutes add up exactly to the delta), re-keyed by site, repartitioned
 * ({@value #REPARTITION}) and summed in {@link StoreNames#SITE_VOLUME_MINUTE} and
 * {@link StoreNames#SITE_VOLUME_HOUR}. Grace is the rates' (maximum gap plus lateness: a delta reaches back that
 * far); retentions are the rates' minute and hour retentions. Closed minutes go to {@code netpulse.site-volume}.
 */
public final class SiteTransferFlow {

    /** The pseudo-site (the nil UUID) that collects the volume of interfaces the inventory puts in no site. */
    public static final String UNASSIGNED_SITE = "00000000-0000-0000-0000-000000000000";
    /** Name of the repartition step; its topic is {@code <application.id>-site-volume-by-site-repartition}. */
    public static final String REPARTITION = "site-volume-by-site";

    private SiteTransferFlow() {
    }

    /**
     * Adds the site volumes over {@code intervals} (keyed by interface, partitioned by device, stamped with their
     * end poll time) attributed through {@code inventory} (the parsed inventory, keyed by normalized key).
     */
    public static void addTo(KStream<String, InventoryRecord> inventory,
                             KStream<InterfaceKey, CounterDelta.Interval> intervals, Topics topics,
                             TopologySettings settings, AvroSerdes serdes) {
        TopologySettings.RateSettings rates = settings.rates();
        KGroupedStream<String, SiteBytes> shares = intervals
                .leftJoin(SiteMemberships.addTo(inventory, rates.minuteRetention(), serdes), SiteAttribution::of,
                        Joined.<InterfaceKey, CounterDelta.Interval, SiteMembership>as("site-volume-join")
                                .withKeySerde(InterfaceKey.serde())
                                .withOtherValueSerde(SiteMembership.serde()))
                .process(SiteShares::new, Named.as("site-volume-spread"))
                .repartition(Repartitioned.with(Serdes.String(), SiteBytes.serde()).withName(REPARTITION))
                .groupByKey(Grouped.with("site-volume-by-site-grouped", Serdes.String(), SiteBytes.serde()));

        shares.windowedBy(TimeWindows.ofSizeAndGrace(MinuteSpread.MINUTE, rates.grace()))
                .emitStrategy(EmitStrategy.onWindowClose())
                .reduce(SiteBytes::plus, Named.as("site-volume-minute"),
                        store(StoreNames.SITE_VOLUME_MINUTE, rates.minuteRetention()))
                .toStream(Named.as("site-volume-closed"))
                .map((window, bytes) -> KeyValue.pair(window.key(), volume(window, bytes)),
                        Named.as("site-volume-record"))
                .to(topics.siteVolume().name(), topics.siteVolume().produced().withName("site-volume-sink"));

        shares.windowedBy(TimeWindows.ofSizeAndGrace(InterfaceRateFlow.HOUR, rates.grace()))
                .reduce(SiteBytes::plus, Named.as("site-volume-hour"),
                        store(StoreNames.SITE_VOLUME_HOUR, rates.hourRetention()));
    }

    private static Materialized<String, SiteBytes, WindowStore<Bytes, byte[]>> store(String name, Duration retention) {
        return Materialized.<String, SiteBytes, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(SiteBytes.serde())
                .withRetention(retention);
    }

    private static SiteVolume volume(Windowed<String> window, SiteBytes bytes) {
        return SiteVolume.newBuilder()
                .setSiteId(window.key())
                .setWindowStart(Instant.ofEpochMilli(window.window().start()))
                .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
                .setInBytes(bytes.inOctets())
                .setOutBytes(bytes.outOctets())
                .build();
    }

    /**
     * Counts what is not summed per site, then emits one share per minute with traffic, keyed by the site and
     * stamped at the minute's start (a minute without traffic adds nothing, so it writes nothing).
     */
    private static final class SiteShares
            extends ContextualProcessor<InterfaceKey, SiteAttribution, String, SiteBytes> {
        private TopologyMetrics metrics;

        @Override
        public void init(ProcessorContext<String, SiteBytes> context) {
            super.init(context);
            metrics = new TopologyMetrics(context.metrics());
        }

        @Override
        public void process(Record<InterfaceKey, SiteAttribution> record) {
            SiteAttribution attribution = record.value();
            CounterDelta.Interval interval = attribution.interval();
            long octets = new SiteBytes(interval.inOctets(), interval.outOctets()).combinedOctets();
            switch (attribution) {
                case SiteAttribution.Excluded excluded ->
                        metrics.add("site-volume-excluded-octets", record.key().device(), octets);
                case SiteAttribution.Unassigned unassigned ->
                        metrics.add("site-volume-unassigned-octets", record.key().device(), octets);
                case SiteAttribution.ToSite toSite -> {
                }
            }
            attribution.siteKey().ifPresent(site -> {
                for (MinuteSpread.Share share : MinuteSpread.of(interval)) {
                    if (share.inOctets() > 0 || share.outOctets() > 0) {
                        context().forward(record.withKey(site)
                                .withValue(new SiteBytes(share.inOctets(), share.outOctets()))
                                .withTimestamp(share.minute().toEpochMilli()));
                    }
                }
            });
        }
    }
}
