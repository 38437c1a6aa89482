package io.netpulse.topology.inputs.counters;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafCounters;
import io.netpulse.topology.inputs.ingest.Ingest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Counter samples enter here: {@code netpulse.counters} through {@link Ingest} (event time = poll time) and
 * Telegraf's metrics through {@link TelegrafCounters}, keyed by {@link InterfaceKey}, merged and repartitioned by
 * device, so every sample of an interface, and every interface of a device, reaches the same task; there
 * {@link CounterDeltaProcessor} puts each interface's polls in order and turns them into usable intervals, the
 * one source of both the interface rates and the site volumes.
 */
public final class CounterSamples {

    /** A sample stamped further ahead of the wall clock than this is rejected (clock skew, wrong unit). */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** Name of the repartition step; its topic is {@code <application.id>-counter-samples-by-device-repartition}. */
    public static final String REPARTITION = "counter-samples-by-device";

    private CounterSamples() {
    }

    /**
     * Adds every counter input and returns the usable intervals, keyed by interface, partitioned by device and
     * stamped with their end poll time. A sample older than the minute retention (by the wall clock) is
     * dead-lettered: no minute window could hold its rate any more.
     */
    public static KStream<InterfaceKey, CounterDelta.Interval> addTo(StreamsBuilder builder, Topics topics,
                                                                     TopologySettings settings) {
        Map<String, KStream<InterfaceKey, CounterSample>> read = new LinkedHashMap<>();
        if (topics.names().reads(TopicNames.Input.COUNTERS)) {
            read.put("counters", Ingest
                    .source(builder, topics.counters(), "counters", new CounterSampleParser(topics.serdes()),
                            Ingest.EventTime.of(CounterSample::getPollTime, CounterSample::getDevice),
                            timeBounds(settings), topics.deadLetter())
                    .selectKey((raw, sample) -> new InterfaceKey(sample.getDevice(), sample.getIfIndex()),
                            Named.as("counters-by-interface")));
        }
        if (topics.names().reads(TopicNames.Input.TELEGRAF)) {
            read.put("telegraf", TelegrafCounters.samples(builder, topics, settings.exporters().telegraf(),
                    timeBounds(settings)));
        }
        KStream<InterfaceKey, CounterSample> samples = Ingest.merge(read, "counters-merge")
                .repartition(Repartitioned
                        .<InterfaceKey, CounterSample>with(InterfaceKey.serde(),
                                topics.serdes().internal(CounterSample.class))
                        .withName(REPARTITION)
                        .withStreamPartitioner(InterfaceKey.partitioner()));
        return CounterDeltaProcessor.intervals(samples, topics, settings);
    }

    /**
     * The speed the latest poll of {@code key} reported, read from {@link StoreNames#INTERFACE_RECENT_SAMPLES} by
     * a processor of the same sub-topology (downstream of the counters, partitioned by device); empty when no poll
     * there carries a usable speed.
     */
    public static OptionalLong reportedSpeed(ReadOnlyKeyValueStore<InterfaceKey, ?> recentSamples, InterfaceKey key) {
        if (recentSamples.get(key) instanceof RecentSamples recent && !recent.readings().isEmpty()) {
            return recent.readings().getLast().speedBitsPerSecond();
        }
        return OptionalLong.empty();
    }

    /**
     * Event-time bounds of every counter input: at most {@link #MAX_FUTURE} ahead of the clock, and no older than
     * the minute retention (no minute window could hold its rate any more).
     */
    public static Ingest.TimeBounds timeBounds(TopologySettings settings) {
        return new Ingest.TimeBounds(MAX_FUTURE, settings.rates().minuteRetention());
    }
}
