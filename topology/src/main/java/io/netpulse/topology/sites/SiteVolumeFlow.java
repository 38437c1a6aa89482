package io.netpulse.topology.sites;

import io.netpulse.schema.aggregate.SiteVolume;
import io.netpulse.topology.Combiner;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.billing.BillingFlow;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.inputs.counters.MinuteSpread;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowKeys;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per-site transferred volume at 1-minute, 5-minute and 1-hour resolution, from the very intervals the interface rates
 * use (wraps, reboots, gaps and implausible jumps are decided once, in {@link CounterDelta}).
 *
 * <p>Each interval is joined, at its end poll time (the record's timestamp), with the versioned interface-to-site
 * table ({@link SiteMemberships}), so a replay gives the same answer and an interface moved to another site counts for
 * the new one from the first poll after the move. {@link SiteAttribution} decides where it goes: an excluded interface
 * ({@code count_in_site_volume} false) is only summed in {@code site-volume-excluded-octets}; one without a site
 * counts under {@link #UNASSIGNED_SITE} and in {@code site-volume-unassigned-octets} (both per device and in total, in
 * bytes); when the interface's first inventory version is read after some of its intervals, it takes what they gave
 * the unassigned site along ({@link Reattribution}, for the minutes the rates still hold). The volume is spread over
 * the minutes it covers in whole bytes ({@link MinuteSpread}: the minutes add up exactly to the delta), re-keyed by
 * site, summed per site, device, minute and second until the next commit ({@link Combiner}: the interfaces of a device
 * polled together cross as one share), repartitioned ({@value #REPARTITION}) with the device they came from, and
 * summed in {@link StoreNames#SITE_VOLUME_MINUTE}, {@link StoreNames#SITE_VOLUME_FIVE_MINUTE} and
 * {@link StoreNames#SITE_VOLUME_HOUR}: all from the same shares, each applied to the three or to none, so every five
 * minutes and hour is the sum of its minutes and a range reads the same bytes from any of them. Nothing is dropped
 * here (the samples were judged against their own device's lateness before); a minute closes once every device that
 * fed the task within the grace by the wall clock is past it by the grace (maximum gap plus lateness: a delta reaches
 * back that far), and goes to {@code netpulse.site-volume}; a device whose backlog arrives after that (one the task
 * had not heard from) updates the stores and emits the minute again with its new value, which supersedes the first.
 * Retentions are the rates' minute, five-minute and hour retentions. Per share: one cached read and write of a minute,
 * five minutes and an hour.
 *
 * <p>{@link StoreNames#SITE_VOLUME_SITES} lists the sites of the task ({@link WindowKeys}), so a query over every
 * site reads each site's windows over its range only.
 */
public final class SiteVolumeFlow {

    /** The pseudo-site (the nil UUID) that collects the volume of interfaces the inventory puts in no site. */
    public static final String UNASSIGNED_SITE = "00000000-0000-0000-0000-000000000000";
    /** Name of the repartition step; its topic is {@code <application.id>-site-volume-by-site-repartition}. */
    public static final String REPARTITION = "site-volume-by-site";

    /** The one closing scope of the task: every device feeding it. */
    private static final String ALL_DEVICES = "";
    private static final long MINUTE_MS = MinuteSpread.MINUTE.toMillis();
    private static final long FIVE_MINUTES_MS = InterfaceRateFlow.FIVE_MINUTES.toMillis();
    private static final long HOUR_MS = InterfaceRateFlow.HOUR.toMillis();

    private SiteVolumeFlow() {
    }

    /**
     * Adds the site volumes over {@code intervals} (keyed by interface, partitioned by device, stamped with their
     * end poll time) attributed through {@code inventory} (the parsed inventory, keyed by normalized key). The
     * interface rates ({@link InterfaceRateFlow}) must be added first: moving unassigned volume reads their stores.
     */
    public static void addTo(Inputs inputs, Topics topics, TopologySettings settings) {
        TopologySettings.RateSettings rates = settings.rates();
        SiteMemberships.Output memberships = SiteMemberships.from(inputs.inventory(), rates.minuteRetention(),
                topics.serdes());
        // The interface rates' stores, in their subtopology: the first claims are partitioned by device too.
        KStream<String, SiteShare> moved = memberships.firstClaims().process(Reattribution::new,
                Named.as("site-volume-reattribute"), StoreNames.INTERFACE_RATES_MINUTE,
                StoreNames.INTERFACE_RATES_SOURCE_TIME);
        KStream<String, SiteShare> bySite = inputs.intervals()
                .leftJoin(memberships.table(), SiteAttribution::of,
                        Joined.<InterfaceKey, CounterDelta.Interval, SiteMembership>as("site-volume-join")
                                .withKeySerde(InterfaceKey.serde())
                                .withOtherValueSerde(SiteMembership.serde()))
                .process(SiteShares::new, Named.as("site-volume-spread"))
                .merge(moved, Named.as("site-volume-shares"))
                .process(Combiner.perSecond(StoreNames.SITE_VOLUME_SUMS, SiteShare::group, SiteShare::sum),
                        Named.as("site-volume-combine"))
                .repartition(Repartitioned.with(Serdes.String(), SiteShare.serde()).withName(REPARTITION));
        bySite.process(supplier(rates), Named.as("site-volume"))
                .to(topics.siteVolume().name(), topics.siteVolume().produced().withName("site-volume-sink"));
        BillingFlow.sites(bySite, SiteShare::device, SiteShare::minuteStart, topics, settings);
    }

    private static ProcessorSupplier<String, SiteShare, String, SiteVolume> supplier(
            TopologySettings.RateSettings rates) {
        return WindowedStores.supplier(() -> new VolumeProcessor(rates), Set.of(
                WindowedStores.store(StoreNames.SITE_VOLUME_MINUTE, rates.minuteRetention(), MinuteSpread.MINUTE,
                        Serdes.String(), SiteBytes.serde()),
                WindowedStores.store(StoreNames.SITE_VOLUME_FIVE_MINUTE, rates.fiveMinuteRetention(),
                        InterfaceRateFlow.FIVE_MINUTES, Serdes.String(), SiteBytes.serde()),
                WindowedStores.store(StoreNames.SITE_VOLUME_HOUR, rates.hourRetention(), InterfaceRateFlow.HOUR,
                        Serdes.String(), SiteBytes.serde()),
                SourceClock.store(StoreNames.SITE_VOLUME_SOURCE_TIME),
                ClosingWindows.store(StoreNames.SITE_VOLUME_CLOSING),
                WindowKeys.store(StoreNames.SITE_VOLUME_SITES)));
    }

    /**
     * Sums each share into its site's minute, five minutes and hour, and emits the minutes that closed: a minute is fed by
     * every device of the site, so it closes once the earliest device clock of the task is past it by the grace
     * ({@link SourceClock#closeTimeOfAll()}), checked by the wall clock.
     */
    private static final class VolumeProcessor implements Processor<String, SiteShare, String, SiteVolume> {
        private final TopologySettings.RateSettings rates;
        private ProcessorContext<String, SiteVolume> context;
        private TimestampedWindowStore<String, SiteBytes> minutes;
        private TimestampedWindowStore<String, SiteBytes> fiveMinutes;
        private TimestampedWindowStore<String, SiteBytes> hours;
        private SourceClock clock;
        private ClosingWindows<String> closing;
        private WindowKeys sites;

        VolumeProcessor(TopologySettings.RateSettings rates) {
            this.rates = rates;
        }

        @Override
        public void init(ProcessorContext<String, SiteVolume> context) {
            this.context = context;
            this.minutes = context.getStateStore(StoreNames.SITE_VOLUME_MINUTE);
            this.fiveMinutes = context.getStateStore(StoreNames.SITE_VOLUME_FIVE_MINUTE);
            this.hours = context.getStateStore(StoreNames.SITE_VOLUME_HOUR);
            this.clock = SourceClock.open("site-volume", context, StoreNames.SITE_VOLUME_SOURCE_TIME,
                    rates.lateness(), rates.grace());
            this.closing = ClosingWindows.open(context, StoreNames.SITE_VOLUME_CLOSING, Serdes.String());
            this.sites = WindowKeys.open(context, StoreNames.SITE_VOLUME_SITES, hours);
            context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
                sites.check();
                closing.close(ALL_DEVICES, clock.closeTimeOfAll(), this::emit);
            });
        }

        @Override
        public void process(Record<String, SiteShare> record) {
            SiteShare share = record.value();
            clock.observe(share.device(), record.timestamp());
            long minute = share.minuteStart();
            sites.note(record.key(), minute);
            ValueAndTimestamp<SiteBytes> before = minutes.fetch(record.key(), minute);
            // A take-back of a minute this site does not hold (past its retention here, since this task's time may
            // be ahead of the device task's, or bytes that went to another site) has nothing to take from. It is
            // judged on the minute alone and applies to all three stores or none: every five minutes and hour stay
            // the sum of their minutes, so a range reads the same bytes from any of them.
            if (before != null || (share.inOctets() >= 0 && share.outOctets() >= 0)) {
                put(minutes, record.key(), minute, before, share);
                add(fiveMinutes, record.key(), minute - Math.floorMod(minute, FIVE_MINUTES_MS), share);
                add(hours, record.key(), minute - Math.floorMod(minute, HOUR_MS), share);
            }
            closing.changed(ALL_DEVICES, minute + MINUTE_MS, record.key());
        }

        private static void add(TimestampedWindowStore<String, SiteBytes> store, String site, long windowStart,
                                SiteShare share) {
            put(store, site, windowStart, store.fetch(site, windowStart), share);
        }

        private static void put(TimestampedWindowStore<String, SiteBytes> store, String site, long windowStart,
                                ValueAndTimestamp<SiteBytes> before, SiteShare share) {
            SiteBytes after = (before == null ? SiteBytes.ZERO : before.value()).plus(share.inOctets(),
                    share.outOctets());
            store.put(site, ValueAndTimestamp.make(after, windowStart), windowStart);
        }

        private void emit(String site, long windowEnd) {
            long windowStart = windowEnd - MINUTE_MS;
            ValueAndTimestamp<SiteBytes> bytes = minutes.fetch(site, windowStart);
            if (bytes == null) {
                return;
            }
            context.forward(new Record<>(site, SiteVolume.newBuilder()
                    .setSiteId(site)
                    .setWindowStart(Instant.ofEpochMilli(windowStart))
                    .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                    .setInBytes(bytes.value().inOctets())
                    .setOutBytes(bytes.value().outOctets())
                    .build(), windowStart));
        }
    }

    /**
     * Counts what is not summed per site, then emits one share per minute with traffic, keyed by the site and
     * stamped with the interval's end poll time, its device's clock (a minute without traffic adds nothing, so it
     * writes nothing).
     */
    private static final class SiteShares
            extends ContextualProcessor<InterfaceKey, SiteAttribution, String, SiteShare> {
        private TopologyMetrics metrics;

        @Override
        public void init(ProcessorContext<String, SiteShare> context) {
            super.init(context);
            metrics = new TopologyMetrics(context);
        }

        @Override
        public void process(Record<InterfaceKey, SiteAttribution> record) {
            SiteAttribution attribution = record.value();
            CounterDelta.Interval interval = attribution.interval();
            int sign = interval.sign();
            long octets = sign * new SiteBytes(interval.inOctets(), interval.outOctets()).combinedOctets();
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
                        context().forward(record.withKey(site).withValue(new SiteShare(record.key().device(),
                                share.minute().toEpochMilli(), sign * share.inOctets(), sign * share.outOctets())));
                    }
                }
            });
        }
    }
}
