package io.netpulse.topology.ingest.goflow2;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.Topics;
import io.netpulse.topology.ingest.Ingest;
import io.netpulse.topology.ingest.RecordParser;
import java.time.Instant;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * goflow2's flows as {@link FlowRecord}s: the {@code flow-messages} topic read through {@link Ingest} in the
 * configured format, stamped with the collector's receive time (the flow end time when absent). goflow2 writes
 * records unkeyed and round-robin, so the flow statistics re-key them. Records whose sampling rate is 0 (unknown
 * yet) are counted as {@value #SAMPLING_RATE_UNKNOWN} per exporter and passed on unchanged.
 */
public final class GoflowFlows {

    /** Metric: a record with sampling rate 0, counted per exporter (entity = exporter address). */
    public static final String SAMPLING_RATE_UNKNOWN = "goflow2-sampling-rate-unknown";

    private GoflowFlows() {
    }

    /**
     * Adds the goflow2 path and returns its records, keyed by goflow2's raw record key (usually null), for the flow
     * pipeline to merge with the records of {@code netpulse.flows}. The stream carries no serdes: the consumer sets
     * them where it repartitions.
     */
    public static KStream<byte[], FlowRecord> addTo(StreamsBuilder builder, Topics topics,
                                                    ExporterSettings.Goflow2 settings, Ingest.TimeBounds bounds) {
        RecordParser<FlowRecord> parser = switch (settings.format()) {
            case JSON -> new GoflowJsonParser();
            case PROTOBUF -> new GoflowProtoParser();
        };
        return Ingest.addTo(builder, topics.names().flowMessages(), "goflow2", parser, GoflowFlows::eventTime,
                        bounds, topics.deadLetter().name())
                .processValues(UnknownSamplingRates::new, Named.as("goflow2-sampling-rate-unknown"));
    }

    /** The time a flow counts at: when the collector received it, else its end. */
    public static Instant eventTime(FlowRecord flow) {
        return flow.getReceivedAt() != null ? flow.getReceivedAt() : flow.getFlowEnd();
    }

    private static final class UnknownSamplingRates implements FixedKeyProcessor<byte[], FlowRecord, FlowRecord> {
        private FixedKeyProcessorContext<byte[], FlowRecord> context;
        private TopologyMetrics metrics;

        @Override
        public void init(FixedKeyProcessorContext<byte[], FlowRecord> context) {
            this.context = context;
            this.metrics = new TopologyMetrics(context.metrics());
        }

        @Override
        public void process(FixedKeyRecord<byte[], FlowRecord> record) {
            if (record.value().getSamplingRate() == 0) {
                metrics.count(SAMPLING_RATE_UNKNOWN, record.value().getExporter());
            }
            context.forward(record);
        }
    }
}
