package io.netpulse.topology.inputs.flows;

import io.netpulse.topology.TopicNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.flows.goflow2.GoflowFlows;
import io.netpulse.topology.inputs.flows.pmacct.PmacctFlows;
import io.netpulse.topology.inputs.ingest.Ingest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Where flow records enter the topology: netpulse's {@code netpulse.flows} topic through {@link Ingest}, each
 * record stamped with the time it counts at (its receive time, else its flow end) and keyed by its exporter.
 *
 * <p>The stream it returns is the input of every flow statistic (per source device, per IP). Another flow
 * format joins it with {@link #bySource(KStream, String)} and {@link Ingest#merge}, before any repartition, so
 * every format is scaled, judged and counted the same way.
 *
 * <p>Metrics (group {@link TopologyMetrics#GROUP}, source = exporter and {@value TopologyMetrics#ALL}):
 * {@value #SAMPLING_RATE_DEFAULTED} counts records whose sampling rate was unknown (0) and got the configured
 * default; {@value #BAD_RECORDS} counts records with bad traffic.
 */
public final class FlowRecords {

    /** Metric: records whose sampling rate was 0 and got the configured default. */
    public static final String SAMPLING_RATE_DEFAULTED = "flows-sampling-rate-defaulted";
    /** Metric: records with bad bytes or packets (judged by {@link FlowRules} or by the collector). */
    public static final String BAD_RECORDS = "flows-bad";
    /**
     * How far ahead of the wall clock a receive time may be: collectors stamp records as they receive them, so
     * more than this is a wrong clock or a wrong unit, and such a record is dead-lettered rather than allowed to
     * push stream time forward and close every other source's windows early.
     */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private FlowRecords() {
    }

    /**
     * Adds every flow source the topology reads ({@link TopicNames#reads}): netpulse's {@code netpulse.flows},
     * goflow2's {@code flow-messages}, pmacct's {@code pmacct.acct}; returns their flows keyed by exporter, not yet
     * repartitioned.
     */
    public static KStream<String, Flow> addTo(StreamsBuilder builder, Topics topics, TopologySettings settings) {
        SamplingRates samplingRates = SamplingRates.of(settings.flows(), settings.exporters().goflow2());
        Ingest.TimeBounds bounds = timeBounds(settings.flows());
        Ingest.EventTime<Flow> eventTime = Ingest.EventTime.of(Flow::countedAt, Flow::exporter);
        Map<String, KStream<String, Flow>> read = new LinkedHashMap<>();
        if (topics.names().reads(TopicNames.Input.FLOWS)) {
            read.put("flows", bySource(Ingest.source(builder, topics.flows(), "flows",
                    new FlowRecordParser(topics.serdes(), samplingRates), eventTime, bounds, topics.deadLetter()),
                    "flows"));
        }
        if (topics.names().reads(TopicNames.Input.FLOW_MESSAGES)) {
            read.put("goflow2", bySource(GoflowFlows.flows(builder, topics, settings.exporters().goflow2(), bounds,
                    record -> FlowRules.toFlow(record, samplingRates), eventTime), "goflow2"));
        }
        if (topics.names().reads(TopicNames.Input.PMACCT)) {
            read.put("pmacct", bySource(PmacctFlows.flows(builder, topics, bounds,
                    record -> FlowRules.toFlow(record, samplingRates), eventTime), "pmacct"));
        }
        return Ingest.merge(read, "flows-merge");
    }

    /**
     * Event-time bounds of every flow input: at most {@link #MAX_FUTURE} ahead of the clock, and no older than
     * the longest retention (no store could keep it).
     */
    public static Ingest.TimeBounds timeBounds(TopologySettings.FlowSettings settings) {
        return new Ingest.TimeBounds(MAX_FUTURE, settings.hourRetention());
    }

    /**
     * Counts the metrics of parsed flows and keys them by exporter; every flow input goes through it once.
     *
     * @param name prefix of the processor names, e.g. the input's name in {@link Ingest#source}
     */
    public static KStream<String, Flow> bySource(KStream<byte[], Flow> parsed, String name) {
        return parsed
                .processValues(FlowMetricsProcessor::new, Named.as(name + "-metrics"))
                .selectKey((key, flow) -> flow.exporter(), Named.as(name + "-by-exporter"));
    }

    private static final class FlowMetricsProcessor implements FixedKeyProcessor<byte[], Flow, Flow> {
        private FixedKeyProcessorContext<byte[], Flow> context;
        private TopologyMetrics metrics;

        @Override
        public void init(FixedKeyProcessorContext<byte[], Flow> context) {
            this.context = context;
            this.metrics = new TopologyMetrics(context);
        }

        @Override
        public void process(FixedKeyRecord<byte[], Flow> record) {
            Flow flow = record.value();
            if (flow.samplingRateDefaulted()) {
                metrics.count(SAMPLING_RATE_DEFAULTED, flow.exporter());
            }
            if (flow.bad()) {
                metrics.count(BAD_RECORDS, flow.exporter());
            }
            context.forward(record);
        }
    }
}
