package io.netpulse.topology.billing;

import io.netpulse.schema.aggregate.BillingPeriod;
import io.netpulse.schema.aggregate.BillingSubject;
import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.inputs.counters.CounterDelta;
import io.netpulse.topology.rates.RateBucket;
import io.netpulse.topology.sites.SiteBytes;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowedStores;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The {@code netpulse.billing} records: one per interface, site and IP address with samples in a calendar month
 * (UTC), once the month is closed. Each aggregate keeps its own 5-minute samples (interface rates, site volumes,
 * per-IP traffic); beside each, on the same stream and in the same task, a {@link BillingProcessor} marks the
 * months its records touch and, when one closes, computes it from those samples with {@link BillingPercentile},
 * the computation the billing API uses too. A record is a function of the samples alone, stamped with the month's
 * start, so a replay writes the same records; a month that a late sample changes is written again, whole. An
 * interface is published under its derived id (from its device and ifIndex, which the API accepts too): the
 * inventory may name it later, and a replayed record must not change.
 *
 * <p>State per aggregate: a source clock (about 40 bytes per source and task) and one closing entry per key and
 * open month (the key's bytes plus about 12).
 */
public final class BillingFlow {

    private BillingFlow() {
    }

    /**
     * The interfaces' billing, beside the interface rates on the counters' intervals (each judged before, per
     * device); a month of an interface closes on its device's clock. The sites' and addresses' billing is added by
     * their own flows ({@link #sites}, {@link #addresses}), on the streams only they see after their repartition.
     */
    public static void addTo(Inputs inputs, Topics topics, TopologySettings settings) {
        TopologySettings.RateSettings rates = settings.rates();
        attach(inputs.intervals(), new BillingProcessor.Spec<InterfaceKey, CounterDelta.Interval, RateBucket>(
                BillingSubject.INTERFACE, "billing-interfaces", StoreNames.INTERFACE_RATES_FIVE_MINUTE,
                StoreNames.BILLING_INTERFACES_SOURCE_TIME, StoreNames.BILLING_INTERFACES_CLOSING,
                InterfaceKey.serde(), rates.lateness(), rates.grace(), false, true,
                record -> record.key().device(),
                record -> record.value().start().toEpochMilli(),
                record -> record.value().end().toEpochMilli() - 1,
                BillingSamples::ofInterface, key -> key.derivedId().toString()), topics);
    }

    /**
     * The sites' billing, beside the site volumes on their shares (keyed by site, already judged per device);
     * a month of a site closes once every device feeding the task is past it.
     *
     * @param device      the device a share came from
     * @param minuteStart the minute (epoch millis) a share adds to
     */
    public static <V> void sites(KStream<String, V> shares, Function<V, String> device, ToLongFunction<V> minuteStart,
                                 Topics topics, TopologySettings settings) {
        TopologySettings.RateSettings rates = settings.rates();
        attach(shares, new BillingProcessor.Spec<String, V, SiteBytes>(BillingSubject.SITE, "billing-sites",
                StoreNames.SITE_VOLUME_FIVE_MINUTE, StoreNames.BILLING_SITES_SOURCE_TIME,
                StoreNames.BILLING_SITES_CLOSING, Serdes.String(), rates.lateness(), rates.grace(), false, false,
                record -> device.apply(record.value()),
                record -> minuteStart.applyAsLong(record.value()),
                record -> minuteStart.applyAsLong(record.value()),
                BillingSamples::ofSite, site -> site), topics);
    }

    /**
     * The IP addresses' billing, beside the per-IP traffic on its contributions (keyed by address, stamped with
     * the flow's receive time): each is judged against its exporter's clock as the per-IP traffic judges it; a
     * month of an address closes once every exporter feeding the task is past it.
     *
     * @param exporter the exporter a contribution came from
     */
    public static <V> void addresses(KStream<String, V> contributions, Function<V, String> exporter, Topics topics,
                                     TopologySettings settings) {
        attach(contributions, new BillingProcessor.Spec<String, V, IpTrafficSample>(BillingSubject.IP_ADDRESS,
                "billing-ip-addresses", StoreNames.IP_TRAFFIC_FIVE_MINUTE, StoreNames.BILLING_IP_ADDRESSES_SOURCE_TIME,
                StoreNames.BILLING_IP_ADDRESSES_CLOSING, Serdes.String(), settings.flows().grace(),
                settings.flows().grace(), true, false,
                record -> exporter.apply(record.value()),
                record -> record.timestamp(),
                record -> record.timestamp(),
                BillingSamples::ofAddress, address -> address), topics);
    }

    /** The key of a record of {@code subject}: {@code interface:<id>}, {@code site:<id>}, {@code ip-address:<id>}. */
    public static String recordKey(BillingSubject subject, String id) {
        return subject.name().toLowerCase(Locale.ROOT).replace('_', '-') + ":" + id;
    }

    /** The published form of a period's figures (which have samples). */
    public static BillingPeriod record(BillingSubject subject, String id, BillingFigures figures) {
        return BillingPeriod.newBuilder()
                .setSubject(subject)
                .setId(id)
                .setPeriodStart(figures.range().start())
                .setPeriodEnd(figures.range().end())
                .setExpectedSamples(figures.range().expectedSamples())
                .setSamples(figures.samples())
                .setRank(figures.rank())
                .setInBitsPerSecond(figures.inBitsPerSecond())
                .setOutBitsPerSecond(figures.outBitsPerSecond())
                .setMaxBitsPerSecond(figures.maxBitsPerSecond())
                .setAggregateBitsPerSecond(figures.aggregateBitsPerSecond())
                .build();
    }

    private static <K, V, S> void attach(KStream<K, V> stream, BillingProcessor.Spec<K, V, S> spec, Topics topics) {
        stream.process(WindowedStores.supplier(() -> new BillingProcessor<>(spec), Set.of(
                                SourceClock.store(spec.clockStore()), ClosingWindows.store(spec.closingStore()))),
                        Named.as(spec.name()), spec.fiveMinuteStore())
                .to(topics.billing().name(), topics.billing().produced().withName(spec.name() + "-sink"));
    }
}
