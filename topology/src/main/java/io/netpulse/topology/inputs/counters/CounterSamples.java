package io.netpulse.topology.inputs.counters;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.ingest.Ingest;
import io.netpulse.topology.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Counter samples enter here: {@code netpulse.counters} through {@link Ingest} (event time = poll time), keyed
 * by {@link InterfaceKey}, merged with the other counter sources and repartitioned by device, so every sample of
 * an interface, and every interface of a device, reaches the same task in poll order.
 *
 * <p>Other sources (Telegraf, issue 10) bring their own {@code KStream<InterfaceKey, CounterSample>}, already
 * validated with {@link CounterSampleParser#validate} and stamped with the poll time, and pass it to
 * {@link #addTo}: they share the one repartition topic and everything downstream.
 */
public final class CounterSamples {

    /** A sample stamped further ahead of the wall clock than this is rejected (clock skew, wrong unit). */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** Name of the repartition step; its topic is {@code <application.id>-counter-samples-by-device-repartition}. */
    public static final String REPARTITION = "counter-samples-by-device";

    private CounterSamples() {
    }

    /**
     * Ingests {@code netpulse.counters}, merges {@code otherSources} and returns every valid sample partitioned
     * by device. A sample older than the minute retention (by the wall clock) is dead-lettered: no minute
     * window could hold its rate any more.
     */
    public static KStream<InterfaceKey, CounterSample> addTo(StreamsBuilder builder, Topics topics,
                                                             TopologySettings settings, AvroSerdes serdes,
                                                             List<KStream<InterfaceKey, CounterSample>> otherSources) {
        KStream<InterfaceKey, CounterSample> samples = Ingest
                .addTo(builder, topics.names().counters(), "counters", new CounterSampleParser(serdes),
                        Ingest.EventTime.of(CounterSample::getPollTime, CounterSample::getDevice), timeBounds(settings), topics.names().deadLetter())
                .selectKey((raw, sample) -> new InterfaceKey(sample.getDevice(), sample.getIfIndex()),
                        Named.as("counters-by-interface"));
        for (int i = 0; i < otherSources.size(); i++) {
            samples = samples.merge(otherSources.get(i), Named.as("counters-merge-" + i));
        }
        return samples.repartition(Repartitioned
                .<InterfaceKey, CounterSample>with(InterfaceKey.serde(), serdes.internal(CounterSample.class))
                .withName(REPARTITION)
                .withStreamPartitioner(InterfaceKey.partitioner()));
    }

    /**
     * Event-time bounds of every counter input: at most {@link #MAX_FUTURE} ahead of the clock, and no older than
     * the minute retention (no minute window could hold its rate any more).
     */
    public static Ingest.TimeBounds timeBounds(TopologySettings settings) {
        return new Ingest.TimeBounds(MAX_FUTURE, settings.rates().minuteRetention());
    }
}
