package io.netpulse.topology.inputs.flows.goflow2;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.Topics;
import io.netpulse.topology.inputs.ingest.Ingest;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * goflow2's flows as {@link FlowRecord}s: the {@code flow-messages} topic read through {@link Ingest} in the
 * configured format, stamped with the collector's receive time (the flow end time when absent). goflow2 writes
 * records unkeyed and round-robin, so the flow statistics re-key them. A record whose sampling rate is 0 (unknown
 * yet) keeps it; {@link io.netpulse.topology.inputs.flows.FlowRules} scales it by the exporter's configured rate or the
 * default, and {@link io.netpulse.topology.inputs.flows.FlowRecords} counts it per exporter as
 * {@value io.netpulse.topology.inputs.flows.FlowRecords#SAMPLING_RATE_DEFAULTED}.
 */
public final class GoflowFlows {

    private GoflowFlows() {
    }

    /**
     * Adds the goflow2 path: records of the configured format become {@link FlowRecord}s, then {@code toInternal}
     * turns each into the pipeline's own record inside the same parse step, so whatever either stage rejects goes
     * to the dead-letter topic with its reason. Keys stay goflow2's raw record key (usually null): the flow
     * pipeline re-keys by exporter.
     */
    public static <V> KStream<byte[], V> flows(StreamsBuilder builder, Topics topics, ExporterSettings.Goflow2 settings,
                                               Ingest.TimeBounds bounds, Function<FlowRecord, Parsed<V>> toInternal,
                                               Ingest.EventTime<V> eventTime) {
        RecordParser<FlowRecord> parser = switch (settings.format()) {
            case JSON -> new GoflowJsonParser();
            case PROTOBUF -> new GoflowProtoParser();
        };
        return Ingest.source(builder, topics.flowMessages(), "goflow2",
                (topic, key, value) -> parser.parse(topic, key, value).then(toInternal), eventTime,
                bounds, topics.deadLetter());
    }

    /** The time a flow counts at: when the collector received it, else its end. */
    public static Instant eventTime(FlowRecord flow) {
        return flow.getReceivedAt() != null ? flow.getReceivedAt() : flow.getFlowEnd();
    }
}
