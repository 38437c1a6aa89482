package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.Inputs;
import io.netpulse.topology.ip.IpClosedSample;
import io.netpulse.topology.rates.InterfaceRateFlow;
import io.netpulse.topology.sourcestats.FlowCountsBatch;
import io.netpulse.topology.time.WindowedStores;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Alerts from the stream, three rules each where its subject's data already is, so no rule needs a repartition
 * of its own input:
 *
 * <ol>
 *   <li>interface utilization ({@link UtilizationProcessor}) on the closed minutes of the interface rates, in
 *       their sub-topology (partitioned by device, beside the counters' recent polls that give the speed);</li>
 *   <li>silent sources ({@link SilenceProcessor}): counters on the usable intervals (partitioned by device,
 *       stamped with their poll time); flows on one heartbeat per exporter and second ({@link FlowHeartbeats}),
 *       taken from the flow statistics' own repartition by exporter, so the rule adds none;</li>
 *   <li>per-IP spikes ({@link SpikeProcessor}) on the closed base samples of the per-IP statistics (partitioned
 *       by address);</li>
 *   <li>every change of an alert is repartitioned by alert id, each rule's on its own
 *       ({@code alerts-<rule>-by-id}, so the rules' sub-topologies stay apart), into {@link StoreNames#ALERTS}
 *       ({@link AlertStoreProcessor}), which the API reads on every instance, and on to
 *       {@code netpulse.alerts}.</li>
 * </ol>
 *
 * <p>Alerts from closed windows are functions of those windows in order, so a replay gives the same alerts with
 * the same ids ({@link AlertRule#idOf}); the silent-source rule is live by nature, and how it stays replayable is
 * said in {@link SilenceProcessor}. Thresholds: {@link AlertSettings}. State: a few dozen bytes per interface,
 * source and address, plus the alerts themselves.
 */
public final class AlertsFlow {

    /** The silent-source rule's signal of counter polls (source: the polled device). */
    public static final String COUNTERS = "counters";
    /** The silent-source rule's signal of flow records (source: the exporter's address). */
    public static final String FLOWS = "flows";

    /**
     * The streams of the aggregates above that the rules judge, each already partitioned by its subject.
     *
     * @param interfaceMinutes the closed minutes of {@link InterfaceRateFlow}, partitioned by device
     * @param flowsBySource    every flow's counts, keyed and partitioned by exporter, summed per second in batches
     *                         (the flow statistics' repartition)
     * @param ipSamples        the closed base samples of the per-IP statistics, partitioned by address
     */
    public record Judged(KStream<InterfaceKey, InterfaceRate> interfaceMinutes,
                         KStream<String, FlowCountsBatch> flowsBySource,
                         KStream<String, IpClosedSample> ipSamples) {
    }

    private AlertsFlow() {
    }

    /** Adds the three rules, the alert store and {@code netpulse.alerts}. */
    public static void addTo(Inputs inputs, Judged closed, Topics topics, TopologySettings settings) {
        AlertSettings alerts = settings.alerts();
        Serde<Alert> alertSerde = topics.serdes().internal(Alert.class);
        KStream<String, Alert> utilization = closed.interfaceMinutes().process(supplier(
                () -> new UtilizationProcessor(alerts), keyValue(StoreNames.ALERTS_UTILIZATION, InterfaceKey.serde(),
                        UtilizationProcessor.State.serde(alertSerde))),
                Named.as("alerts-utilization"), StoreNames.INTERFACE_RECENT_SAMPLES);
        KStream<String, Alert> silentCounters = inputs.intervals().process(supplier(
                () -> new SilenceProcessor<>(COUNTERS, StoreNames.ALERTS_SILENCE_COUNTERS, InterfaceKey::device,
                        alerts.silence()),
                keyValue(StoreNames.ALERTS_SILENCE_COUNTERS, Serdes.String(),
                        SilenceProcessor.State.serde(alertSerde))), Named.as("alerts-silence-counters"));
        KStream<String, Alert> silentFlows = closed.flowsBySource()
                .process(FlowHeartbeats::new, Named.as("alerts-flow-heartbeats"))
                .process(supplier(() -> new SilenceProcessor<String, Long>(FLOWS, StoreNames.ALERTS_SILENCE_FLOWS,
                                exporter -> exporter, alerts.silence()),
                        keyValue(StoreNames.ALERTS_SILENCE_FLOWS, Serdes.String(),
                                SilenceProcessor.State.serde(alertSerde))), Named.as("alerts-silence-flows"));
        KStream<String, Alert> spikes = closed.ipSamples().process(supplier(() -> new SpikeProcessor(alerts),
                keyValue(StoreNames.ALERTS_IP_SPIKE, Serdes.String(), SpikeProcessor.State.serde(alertSerde))),
                Named.as("alerts-ip-spike"));
        // Each rule's alerts are repartitioned on their own before they meet: merging the rules' streams first
        // would fuse the sub-topologies they come from (counters, flows, per-IP) into one.
        byId(utilization, "alerts-utilization-by-id", alertSerde)
                .merge(byId(silentCounters, "alerts-silence-counters-by-id", alertSerde),
                        Named.as("alerts-merge-0"))
                .merge(byId(silentFlows, "alerts-silence-flows-by-id", alertSerde), Named.as("alerts-merge-1"))
                .merge(byId(spikes, "alerts-ip-spike-by-id", alertSerde), Named.as("alerts-merge-2"))
                .process(supplier(() -> new AlertStoreProcessor(alerts.retention()),
                        keyValue(StoreNames.ALERTS, Serdes.String(), alertSerde)), Named.as("alerts-store"))
                .to(topics.alerts().name(), topics.alerts().produced().withName("alerts-sink"));
    }

    private static KStream<String, Alert> byId(KStream<String, Alert> alerts, String name, Serde<Alert> serde) {
        return alerts.repartition(Repartitioned.with(Serdes.String(), serde).withName(name));
    }

    private static <K, V> StoreBuilder<?> keyValue(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde)
                .withCachingEnabled();
    }

    private static <KI, VI> ProcessorSupplier<KI, VI, String, Alert> supplier(
            Supplier<Processor<KI, VI, String, Alert>> processor, StoreBuilder<?> store) {
        return WindowedStores.supplier(processor, Set.of(store));
    }
}
