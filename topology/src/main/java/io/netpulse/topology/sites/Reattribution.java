package io.netpulse.topology.sites;

import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.rates.RateBucket;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the volume an interface gave {@link SiteVolumeFlow#UNASSIGNED_SITE} before the first inventory version of
 * its device|ifIndex was read. That version also covers the time before it ({@link SiteMemberships}), but the
 * stream-table join cannot revisit intervals it has attributed already, so an inventory read after its counters (a
 * new deployment, a backfill) would otherwise leave them unassigned for good.
 *
 * <p>Exact, not estimated: until its first version the table held nothing for the interface, so each of its
 * intervals read so far went to the unassigned site whole, in the very minute shares the interface rates keep in
 * {@link StoreNames#INTERFACE_RATES_MINUTE} (this task's: the same partition). Each minute with traffic goes the way
 * of every share, taken back from the unassigned site and, unless the version excludes the interface, given to its
 * site: minutes, hours, metrics and the re-emitted closed minutes all follow. Intervals read after the version are
 * the join's; the first claim is read once (the owner row is changelogged and outlives a delete), so no minute moves
 * twice. Only the minutes the rates still hold (their minute retention) move; older hours stay unassigned.
 *
 * <p>The shares carry the device's latest interval end in this task ({@link StoreNames#INTERFACE_RATES_SOURCE_TIME}),
 * not the inventory record's time: the site tasks keep a clock per device from these stamps, and a time the device
 * has not reached would close its minutes while its backlog still fills them. Cost, once per interface: one range
 * read of its minutes and up to two shares per minute with traffic (about 20,000 for a full week of counters).
 */
final class Reattribution extends ContextualProcessor<InterfaceKey, SiteMembership, String, SiteShare> {

    private static final Logger LOG = LoggerFactory.getLogger(Reattribution.class);

    private TimestampedWindowStore<InterfaceKey, RateBucket> rateMinutes;
    private KeyValueStore<String, Long> deviceTimes;
    private TopologyMetrics metrics;

    @Override
    public void init(ProcessorContext<String, SiteShare> context) {
        super.init(context);
        rateMinutes = context.getStateStore(StoreNames.INTERFACE_RATES_MINUTE);
        deviceTimes = context.getStateStore(StoreNames.INTERFACE_RATES_SOURCE_TIME);
        metrics = new TopologyMetrics(context);
    }

    @Override
    public void process(Record<InterfaceKey, SiteMembership> record) {
        SiteMembership membership = record.value();
        // As SiteAttribution decides: the flag wins over the site; counted without a site stays unassigned.
        boolean excluded = !membership.counted();
        if (!excluded && membership.siteId() == null) {
            return;
        }
        String device = record.key().device();
        Long latest = deviceTimes.get(device);
        if (latest == null) {
            return;
        }
        String site = excluded ? null : membership.siteId().toString();
        long minutes = 0;
        long movedOctets = 0;
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> held = rateMinutes.fetch(record.key(), 0, latest)) {
            while (held.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<RateBucket>> minute = held.next();
                RateBucket bytes = minute.value.value();
                if (bytes.inOctets() == 0 && bytes.outOctets() == 0) {
                    continue;
                }
                forward(SiteVolumeFlow.UNASSIGNED_SITE,
                        new SiteShare(device, minute.key, -bytes.inOctets(), -bytes.outOctets()), latest);
                if (site != null) {
                    forward(site, new SiteShare(device, minute.key, bytes.inOctets(), bytes.outOctets()), latest);
                }
                minutes++;
                movedOctets = Math.addExact(movedOctets, Math.addExact(bytes.inOctets(), bytes.outOctets()));
            }
        }
        if (minutes == 0) {
            return;
        }
        metrics.add("site-volume-unassigned-octets", device, -movedOctets);
        if (excluded) {
            metrics.add("site-volume-excluded-octets", device, movedOctets);
        }
        LOG.debug("{}: its first inventory version puts it in {}; {} minutes ({} bytes) moved from the unassigned site",
                record.key().asString(), excluded ? "no site's volume" : site, minutes, movedOctets);
    }

    private void forward(String site, SiteShare share, long timestamp) {
        context().forward(new Record<>(site, share, timestamp));
    }
}
