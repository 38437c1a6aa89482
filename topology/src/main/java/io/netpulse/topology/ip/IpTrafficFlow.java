package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.flows.Flow;
import io.netpulse.topology.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per-IP traffic statistics (issue 7): bytes received and transmitted by each inventory address, in base samples
 * (default 10 minutes) and in hourly and daily statistics over those samples.
 *
 * <ol>
 *   <li>Each flow's addresses are looked up in the global directory before any repartition
 *       ({@link AttributionProcessor}): only inventory addresses go on, so foreign traffic costs nothing
 *       downstream; it is counted in {@value #UNATTRIBUTED_FLOWS} and {@value #UNATTRIBUTED_BYTES}.</li>
 *   <li>Contributions are keyed by address and repartitioned ({@code ip-traffic-by-address}).</li>
 *   <li>{@link StoreNames#IP_TRAFFIC_SAMPLE}: received and transmitted bytes per address and base sample, at the
 *       flows' receive time, with the flows' grace. A sample exists when the address had traffic in it.</li>
 *   <li>Once closed (its end plus the grace), each sample is emitted exactly once, re-keyed by its address and
 *       repartitioned ({@code ip-traffic-closed-samples}): Kafka Streams cannot re-key a windowed key without one.
 *       The address keeps its partition number, so each hour and day task reads the samples of exactly one
 *       sample task, in window order.</li>
 *   <li>{@link StoreNames#IP_TRAFFIC_HOUR} and {@link StoreNames#IP_TRAFFIC_DAY}: count, sum, min and max of the
 *       closed samples per scope ({@link IpTrafficRollup}). Each closed hour goes to {@code netpulse.ip-stats}.</li>
 * </ol>
 *
 * <p>Hours and days get a grace of one base sample: closed samples reach them in order, so none is late in normal
 * operation, and the grace absorbs a reordering we do not expect rather than dropping it. It delays
 * {@code netpulse.ip-stats} by one sample. Retentions come from {@link IpSettings}; each must cover one window
 * plus its grace, beyond which it is the query horizon of its level.
 */
public final class IpTrafficFlow {

    /** Metric: flows of which neither address is in the inventory (entity = exporter). */
    public static final String UNATTRIBUTED_FLOWS = "ip-traffic-unattributed-flows";
    /** Metric: bytes of those flows, scaled by sampling rate (entity = exporter). */
    public static final String UNATTRIBUTED_BYTES = "ip-traffic-unattributed-bytes";

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    private IpTrafficFlow() {
    }

    /** Adds the per-IP statistics of {@code flows} (keyed by exporter, from {@code FlowRecords}). */
    public static void addTo(KStream<String, Flow> flows, Topics topics, TopologySettings settings,
                             AvroSerdes serdes) {
        IpSettings ip = settings.ip();
        Duration sampleLength = ip.sampleLength();
        Duration grace = settings.flows().grace();
        requireRetention("sample", ip.sampleRetention(), sampleLength.plus(grace));
        requireRetention("hour", ip.hourRetention(), HOUR.plus(sampleLength));
        requireRetention("day", ip.dayRetention(), DAY.plus(sampleLength));
        Serde<IpTrafficSample> sampleSerde = serdes.internal(IpTrafficSample.class);
        Serde<IpTrafficStats> statsSerde = serdes.internal(IpTrafficStats.class);

        KGroupedStream<String, IpTrafficSample> closedSamples = flows
                .process(AttributionProcessor::new, Named.as("ip-traffic-attribute"))
                .repartition(Repartitioned.with(Serdes.String(), sampleSerde).withName("ip-traffic-by-address"))
                .groupByKey(Grouped.with("ip-traffic-group", Serdes.String(), sampleSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(sampleLength, grace))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(IpTrafficRollup::noBytes, (address, bytes, sample) -> IpTrafficRollup.plus(sample, bytes),
                        Named.as("ip-traffic-samples"),
                        store(StoreNames.IP_TRAFFIC_SAMPLE, ip.sampleRetention(), sampleSerde))
                .toStream(Named.as("ip-traffic-samples-closed"))
                .process(ClosedSampleProcessor::new, Named.as("ip-traffic-samples-by-address"))
                .repartition(Repartitioned.with(Serdes.String(), sampleSerde).withName("ip-traffic-closed-samples"))
                .groupByKey(Grouped.with("ip-traffic-closed-group", Serdes.String(), sampleSerde));

        closedSamples
                .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, sampleLength))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(IpTrafficRollup::empty, (address, sample, stats) -> IpTrafficRollup.add(stats, sample),
                        Named.as("ip-traffic-hours"), store(StoreNames.IP_TRAFFIC_HOUR, ip.hourRetention(), statsSerde))
                .toStream(Named.as("ip-traffic-hours-closed"))
                .map((hour, stats) -> KeyValue.pair(hour.key(), IpTrafficRollup.report(hour.key(),
                                Instant.ofEpochMilli(hour.window().start()), Instant.ofEpochMilli(hour.window().end()),
                                sampleLength, stats)),
                        Named.as("ip-traffic-hour-report"))
                .to(topics.ipStats().name(), topics.ipStats().produced().withName("ip-traffic-stats-sink"));

        closedSamples
                .windowedBy(TimeWindows.ofSizeAndGrace(DAY, sampleLength))
                .aggregate(IpTrafficRollup::empty, (address, sample, stats) -> IpTrafficRollup.add(stats, sample),
                        Named.as("ip-traffic-days"), store(StoreNames.IP_TRAFFIC_DAY, ip.dayRetention(), statsSerde));
    }

    private static <V> Materialized<String, V, WindowStore<Bytes, byte[]>> store(String name, Duration retention,
                                                                                 Serde<V> valueSerde) {
        return Materialized.<String, V, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(valueSerde)
                .withRetention(retention);
    }

    private static void requireRetention(String level, Duration retention, Duration minimum) {
        if (retention.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("the IP traffic " + level + " retention " + retention
                    + " must cover one window plus its grace: at least " + minimum);
        }
    }
}
