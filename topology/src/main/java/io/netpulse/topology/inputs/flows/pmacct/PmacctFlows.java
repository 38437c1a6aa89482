package io.netpulse.topology.inputs.flows.pmacct;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.Topics;
import io.netpulse.topology.inputs.ingest.Ingest;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.inputs.ingest.RecordParser;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * pmacct's flows as {@link FlowRecord}s: the topic its nfacctd/sfacctd Kafka plugin writes ({@code kafka_output:
 * json}) read through {@link Ingest}, the same way as goflow2's, so sampling, the bad-record rule, dead letters and
 * the receive-time clock are those of every flow input.
 */
public final class PmacctFlows {

    private PmacctFlows() {
    }

    /**
     * Adds the pmacct path: each JSON record becomes a {@link FlowRecord}, then {@code toInternal} turns it into the
     * pipeline's own record inside the same parse step, so whatever either stage rejects goes to the dead-letter
     * topic with its reason. Keys stay pmacct's raw record key: the flow pipeline re-keys by exporter.
     */
    public static <V> KStream<byte[], V> flows(StreamsBuilder builder, Topics topics, Ingest.TimeBounds bounds,
                                               Function<FlowRecord, Parsed<V>> toInternal,
                                               Ingest.EventTime<V> eventTime) {
        RecordParser<FlowRecord> parser = new PmacctJsonParser();
        return Ingest.source(builder, topics.pmacct(), "pmacct",
                (topic, key, value) -> parser.parse(topic, key, value).then(toInternal), eventTime,
                bounds, topics.deadLetter());
    }
}
