package io.netpulse.topology.inputs.ingest;

import io.netpulse.topology.Topic;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.time.LateRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The one way an input topic enters the topology: read as bytes, parsed by a {@link RecordParser}, time-checked,
 * and split into valid records (stamped with their event time) and dead letters.
 *
 * <p>Reading bytes and parsing here, rather than in a deserializer, is what lets a rejected record reach the
 * dead-letter topic with its original bytes, its reason and its source coordinates, inside the same
 * transaction as the rest of the task's output. Metrics (group {@link TopologyMetrics#GROUP}, source = topic):
 * {@code ingest-accepted}, {@code ingest-skipped}, {@code ingest-rejected}.
 */
public final class Ingest {

    private Ingest() {
    }

    /**
     * How far from the wall clock an event time may lie.
     *
     * @param maxFuture a record further in the future is rejected (clock skew, wrong unit)
     * @param maxAge    a record older than this is rejected: no store keeps it any more
     */
    public record TimeBounds(Duration maxFuture, Duration maxAge) {
    }

    /**
     * When a record counts and whose it is: the source (a device, an exporter) is what a record too old for
     * retention is counted against, in {@value #EXPIRED}.
     */
    public interface EventTime<V> {
        /** The time {@code value} counts at. */
        Instant at(V value);

        /** The source {@code value} came from. */
        String source(V value);

        /** An event time from two functions. */
        static <V> EventTime<V> of(Function<V, Instant> at, Function<V, String> source) {
            return new EventTime<>() {
                @Override
                public Instant at(V value) {
                    return at.apply(value);
                }

                @Override
                public String source(V value) {
                    return source.apply(value);
                }
            };
        }
    }

    /** Metric: records older than the retention of the stores they feed, dead-lettered (source = device or exporter). */
    public static final String EXPIRED = "ingest-expired";

    /**
     * Adds a source for {@code topic} and returns its valid records, keyed by the raw key, each stamped with
     * its event time.
     *
     * @param name       prefix of the processor names, e.g. {@code counters}
     * @param deadLetter the dead-letter topic
     */
    public static <V> KStream<byte[], V> source(StreamsBuilder builder, Topic<byte[], byte[]> topic, String name,
                                               RecordParser<V> parser, EventTime<V> eventTime,
                                               TimeBounds bounds, Topic<byte[], byte[]> deadLetter) {
        KStream<byte[], Outcome<V>> outcomes = builder
                .stream(topic.name(), topic.consumed().withName(name + "-source"))
                .process(() -> new ParseProcessor<>(parser, eventTime, bounds), Named.as(name + "-parse"));
        outcomes
                .filter((key, outcome) -> outcome instanceof Outcome.DeadLetter<V>, Named.as(name + "-rejected"))
                .mapValues(outcome -> ((Outcome.DeadLetter<V>) outcome).raw(), Named.as(name + "-raw"))
                .to(deadLetter.name(), deadLetter.produced()
                        .withName(name + "-dead-letter"));
        return outcomes
                .filter((key, outcome) -> outcome instanceof Outcome.Valid<V>, Named.as(name + "-accepted"))
                .mapValues(outcome -> ((Outcome.Valid<V>) outcome).value(), Named.as(name + "-records"));
    }

    /**
     * One stream of the inputs {@code read}, by name in the order given: each after the first is merged in by a
     * processor named {@code <prefix>-<name>}.
     */
    public static <K, V> KStream<K, V> merge(Map<String, KStream<K, V>> read, String prefix) {
        KStream<K, V> merged = null;
        for (Map.Entry<String, KStream<K, V>> input : read.entrySet()) {
            merged = merged == null ? input.getValue()
                    : merged.merge(input.getValue(), Named.as(prefix + "-" + input.getKey()));
        }
        if (merged == null) {
            throw new IllegalArgumentException("no input is read for " + prefix);
        }
        return merged;
    }

    /**
     * Adds a source of reference data (the inventory) and returns its valid records, keyed by the raw key. They
     * keep their own record timestamps and no time bounds apply: an entry written long ago on a compacted topic
     * is still true, and its timestamp says since when.
     *
     * @param name       prefix of the processor names, e.g. {@code inventory}
     * @param deadLetter the dead-letter topic
     */
    public static <V> KStream<byte[], V> referenceSource(StreamsBuilder builder, Topic<byte[], byte[]> topic,
                                                        String name, RecordParser<V> parser,
                                                        Topic<byte[], byte[]> deadLetter) {
        return source(builder, topic, name, parser, null, null, deadLetter);
    }

    private sealed interface Outcome<V> {
        record Valid<V>(V value) implements Outcome<V> {
        }

        record DeadLetter<V>(byte[] raw) implements Outcome<V> {
        }
    }

    private static final class ParseProcessor<V> implements Processor<byte[], byte[], byte[], Outcome<V>> {
        private final RecordParser<V> parser;
        private final EventTime<V> eventTime;
        private final TimeBounds bounds;
        private ProcessorContext<byte[], Outcome<V>> context;
        private TopologyMetrics metrics;

        private LateRecords expired;

        ParseProcessor(RecordParser<V> parser, EventTime<V> eventTime, TimeBounds bounds) {
            this.parser = parser;
            this.eventTime = eventTime;
            this.bounds = bounds;
        }

        @Override
        public void init(ProcessorContext<byte[], Outcome<V>> context) {
            this.context = context;
            this.metrics = new TopologyMetrics(context);
            this.expired = new LateRecords(EXPIRED, metrics);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            Parsed<V> parsed = parser.parse(source.topic(), record.key(), record.value());
            switch (parsed) {
                case Parsed.Accepted<V> accepted -> accept(record, source, accepted);
                case Parsed.Skipped<V> skipped -> metrics.count("ingest-skipped", source.topic());
                case Parsed.Rejected<V> rejected -> reject(record, source, rejected.reason());
            }
        }

        private void accept(Record<byte[], byte[]> record, RecordMetadata source, Parsed.Accepted<V> accepted) {
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            for (V value : accepted.values()) {
                if (eventTime == null) {
                    metrics.count("ingest-accepted", source.topic());
                    context.forward(record.<Outcome<V>>withValue(new Outcome.Valid<>(value)));
                    continue;
                }
                Instant at = eventTime.at(value);
                if (at.isAfter(now.plus(bounds.maxFuture()))) {
                    reject(record, source, "event time " + at + " is more than " + bounds.maxFuture()
                            + " ahead of the clock (" + now + ")");
                } else if (at.isBefore(now.minus(bounds.maxAge()))) {
                    String reason = "event time " + at + " is older than the retention of " + bounds.maxAge()
                            + " (clock " + now + ")";
                    expired.record(eventTime.source(value), now.toEpochMilli(), () -> reason);
                    reject(record, source, reason);
                } else {
                    metrics.count("ingest-accepted", source.topic());
                    context.forward(record.<Outcome<V>>withValue(new Outcome.Valid<>(value))
                            .withTimestamp(at.toEpochMilli()));
                }
            }
        }

        private void reject(Record<byte[], byte[]> record, RecordMetadata source, String reason) {
            metrics.count("ingest-rejected", source.topic());
            context.forward(record.<Outcome<V>>withValue(new Outcome.DeadLetter<>(record.value()))
                    .withHeaders(DeadLetters.headers(record.headers(), reason, source)));
        }
    }
}
