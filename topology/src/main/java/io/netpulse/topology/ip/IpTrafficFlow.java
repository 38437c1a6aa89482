package io.netpulse.topology.ip;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.topology.Combiner;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.billing.BillingFlow;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.inputs.inventory.InventoryAddresses;
import io.netpulse.topology.time.ClosingWindows;
import io.netpulse.topology.time.SourceClock;
import io.netpulse.topology.time.WindowedStores;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Per-IP traffic statistics: bytes received and transmitted by each inventory address, in base samples
 * (default 10 minutes) and in hourly and daily statistics over those samples.
 *
 * <ol>
 *   <li>Each flow's addresses are looked up in the global directory before any repartition
 *       ({@link AttributionProcessor}): only inventory addresses go on, so foreign traffic costs nothing
 *       downstream; it is counted in {@value #UNATTRIBUTED_FLOWS} and {@value #UNATTRIBUTED_BYTES}.</li>
 *   <li>Contributions are keyed by address, summed per exporter and second until the next commit
 *       ({@link io.netpulse.topology.Combiner}), and repartitioned ({@code ip-traffic-by-address}), each with
 *       its exporter.</li>
 *   <li>{@link IpTrafficProcessor} judges each against its own exporter's clock and sums it into
 *       {@link StoreNames#IP_TRAFFIC_SAMPLE}: received and transmitted bytes per address and base sample, at the
 *       flows' receive time. A sample exists when the address had traffic in it. The same bytes go into
 *       {@link StoreNames#IP_TRAFFIC_FIVE_MINUTE} (kept {@code rates.five-minute-retention}), which billing reads
 *       ({@link BillingFlow}).</li>
 *   <li>Once closed (every exporter feeding the task past its end by the grace), each sample is rolled into
 *       {@link StoreNames#IP_TRAFFIC_HOUR} and {@link StoreNames#IP_TRAFFIC_DAY}: count, sum, min and max of the
 *       closed samples per scope ({@link IpTrafficRollup}). Each closed hour goes to {@code netpulse.ip-stats}.</li>
 * </ol>
 *
 * <p>All three levels live in one task, so no second repartition is needed. Retentions come from
 * {@link IpSettings}; each must cover one window plus its grace, beyond which it is the query horizon of its
 * level.
 */
public final class IpTrafficFlow {

    /** Metric: flows of which neither address is in the inventory (source = exporter). */
    public static final String UNATTRIBUTED_FLOWS = "ip-traffic-unattributed-flows";
    /** Metric: bytes of those flows, scaled by sampling rate (source = exporter). */
    public static final String UNATTRIBUTED_BYTES = "ip-traffic-unattributed-bytes";

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    private IpTrafficFlow() {
    }

    /**
     * Adds the per-IP statistics of {@code flows} (keyed by exporter, from {@code FlowRecords}) and returns the
     * closed base samples, keyed and partitioned by address.
     */
    public static KStream<String, IpClosedSample> addTo(Inputs inputs, Topics topics, TopologySettings settings) {
        AvroSerdes serdes = topics.serdes();
        IpSettings ip = settings.ip();
        Duration sampleLength = ip.sampleLength();
        Duration grace = settings.flows().grace();
        requireRetention("sample", ip.sampleRetention(), sampleLength.plus(grace));
        requireRetention("hour", ip.hourRetention(), HOUR.plus(sampleLength));
        requireRetention("day", ip.dayRetention(), DAY.plus(sampleLength));
        Serde<IpTrafficSample> sampleSerde = serdes.internal(IpTrafficSample.class);
        Serde<IpTrafficStats> statsSerde = serdes.internal(IpTrafficStats.class);
        Duration fiveMinuteRetention = settings.rates().fiveMinuteRetention();
        requireRetention("five-minute", fiveMinuteRetention, FIVE_MINUTES.plus(grace));
        InventoryAddresses inventory = new InventoryAddresses(inputs.directoryVersion());
        KStream<String, IpContribution> byAddress = inputs.flows()
                .process(() -> new AttributionProcessor(inventory), Named.as("ip-traffic-attribute"))
                .process(Combiner.perSecond(StoreNames.IP_TRAFFIC_SUMS, IpContribution::exporter,
                        IpContribution::plus), Named.as("ip-traffic-combine"))
                .repartition(Repartitioned.with(Serdes.String(), IpContribution.serde())
                        .withName("ip-traffic-by-address"));
        KStream<String, IpTrafficProcessor.Closed> closed = byAddress.process(WindowedStores.supplier(
                () -> new IpTrafficProcessor(sampleLength, grace), Set.of(
                        WindowedStores.store(StoreNames.IP_TRAFFIC_SAMPLE, ip.sampleRetention(), sampleLength,
                                Serdes.String(), sampleSerde),
                        WindowedStores.store(StoreNames.IP_TRAFFIC_FIVE_MINUTE, fiveMinuteRetention, FIVE_MINUTES,
                                Serdes.String(), sampleSerde),
                        WindowedStores.store(StoreNames.IP_TRAFFIC_HOUR, ip.hourRetention(), HOUR, Serdes.String(),
                                statsSerde),
                        WindowedStores.store(StoreNames.IP_TRAFFIC_DAY, ip.dayRetention(), DAY, Serdes.String(),
                                statsSerde),
                        SourceClock.store(StoreNames.IP_TRAFFIC_SOURCE_TIME),
                        ClosingWindows.store(StoreNames.IP_TRAFFIC_CLOSING))), Named.as("ip-traffic"));
        closed.filter((address, out) -> out instanceof IpTrafficProcessor.Closed.Hour, Named.as("ip-traffic-hours"))
                .mapValues(out -> ((IpTrafficProcessor.Closed.Hour) out).stats(), Named.as("ip-traffic-hour-stats"))
                .to(topics.ipStats().name(), topics.ipStats().produced().withName("ip-traffic-stats-sink"));
        BillingFlow.addresses(byAddress, IpContribution::exporter, topics, settings);
        return closed.filter((address, out) -> out instanceof IpTrafficProcessor.Closed.Sample,
                        Named.as("ip-traffic-closed-samples"))
                .mapValues(out -> ((IpTrafficProcessor.Closed.Sample) out).sample(),
                        Named.as("ip-traffic-closed-sample"));
    }

    private static void requireRetention(String level, Duration retention, Duration minimum) {
        if (retention.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("the IP traffic " + level + " retention " + retention
                    + " must cover one window plus its grace: at least " + minimum);
        }
    }
}
