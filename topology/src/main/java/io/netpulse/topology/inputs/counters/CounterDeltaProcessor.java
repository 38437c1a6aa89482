package io.netpulse.topology.inputs.counters;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.time.SourceClock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each interface's samples into usable intervals with {@link CounterDelta}, in poll order whatever the
 * order they arrive in. Each sample is first judged against its own device's clock ({@link SourceClock}): one
 * more than the lateness behind the device's latest poll is not counted ({@code counter-samples-late}). The
 * recent polls of each interface ({@link RecentSamples}, in {@link StoreNames#INTERFACE_RECENT_SAMPLES}) place
 * a poll that arrives after a later one between its neighbours: the interval it falls in is taken back
 * ({@link CounterDelta.Interval#retracted()}) and the two on either side are given, so the rates and the site
 * volumes are what in-order polls would have given. A second poll at the same time is a duplicate: the first
 * wins. The inventory speed, the fallback when a sample has none, comes from the global directory.
 *
 * <p>It is a {@link FixedKeyProcessor} (through {@code processValues}): the key stays the interface, so the
 * aggregations downstream need no second repartition. The first sample of an interface is its baseline, and it
 * announces the interface to the directory under its derived id, so an interface netpulse has only seen in
 * counters can be queried. Every outcome is counted per device and in total ({@link TopologyMetrics}):
 * {@code counter-baseline}, {@code counter-interval}, {@code counter-wrap}, {@code counter-reordered} and one
 * event per {@link CounterDelta.Kind} ({@code counter-reboot}, {@code counter-reset}, {@code counter-over-speed},
 * {@code counter-gap}, {@code counter-duplicate}). State: the polls of the last lateness per interface, 10-20
 * bytes each after the first ({@link RecentSamples}; about 600 bytes at 10-second polls and 5 minutes), rewritten
 * with every poll.
 */
public final class CounterDeltaProcessor
        implements FixedKeyProcessor<InterfaceKey, CounterSample, CounterDeltaProcessor.Step> {

    private static final Logger LOG = LoggerFactory.getLogger(CounterDeltaProcessor.class);

    /** What the processor emits: an interval, or an interface seen for the first time. */
    sealed interface Step {
        /** A usable interval. */
        record Usable(CounterDelta.Interval interval) implements Step {
        }

        /** The directory entry of an interface seen for the first time. */
        record Discovered(InventoryEntry entry) implements Step {
        }
    }

    private final CounterDelta.Rules rules;
    private FixedKeyProcessorContext<InterfaceKey, Step> context;
    private KeyValueStore<InterfaceKey, RecentSamples> recentSamples;
    private Directory directory;
    private TopologyMetrics metrics;

    private final Duration lateness;
    private SourceClock clock;

    CounterDeltaProcessor(CounterDelta.Rules rules, Duration lateness) {
        this.rules = rules;
        this.lateness = lateness;
    }

    /**
     * Adds the processor to {@code samples} (partitioned by device, see {@link CounterSamples}) and returns the
     * usable intervals, keyed by interface and stamped with the later poll time; the site volumes
     * consume the same stream. First-seen interfaces go to the directory topic.
     */
    public static KStream<InterfaceKey, CounterDelta.Interval> intervals(KStream<InterfaceKey, CounterSample> samples,
                                                                    Topics topics, TopologySettings settings) {
        CounterDelta.Rules rules = new CounterDelta.Rules(settings.rates().maxGap(),
                settings.rates().speedCeilingBitsPerSecond());
        KStream<InterfaceKey, Step> steps = samples.processValues(supplier(rules, settings.rates().lateness()),
                Named.as("counter-deltas"));
        steps.filter((key, step) -> step instanceof Step.Discovered, Named.as("counter-discovered"))
                .map((key, step) -> KeyValue.pair(Directory.interfaceKey(key.derivedId()),
                        ((Step.Discovered) step).entry()), Named.as("counter-discovered-entry"))
                .to(topics.directory().name(), topics.directory().produced().withName("counter-discovered-sink"));
        return steps
                .filter((key, step) -> step instanceof Step.Usable, Named.as("counter-usable"))
                .mapValues(step -> ((Step.Usable) step).interval(), Named.as("counter-intervals"));
    }

    static FixedKeyProcessorSupplier<InterfaceKey, CounterSample, Step> supplier(CounterDelta.Rules rules,
                                                                               Duration lateness) {
        Set<StoreBuilder<?>> stores = Set.of(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.INTERFACE_RECENT_SAMPLES),
                InterfaceKey.serde(), RecentSamples.serde()), SourceClock.store(StoreNames.COUNTER_SOURCE_TIME));
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<InterfaceKey, CounterSample, Step> get() {
                return new CounterDeltaProcessor(rules, lateness);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<InterfaceKey, Step> context) {
        this.context = context;
        this.recentSamples = context.getStateStore(StoreNames.INTERFACE_RECENT_SAMPLES);
        this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
        this.metrics = new TopologyMetrics(context);
        this.clock = SourceClock.open("counter-samples", context, StoreNames.COUNTER_SOURCE_TIME, lateness,
                Duration.ZERO);
    }

    @Override
    public void process(FixedKeyRecord<InterfaceKey, CounterSample> record) {
        InterfaceKey key = record.key();
        if (!clock.admit(key.device(), record.timestamp())) {
            return;
        }
        CounterReading current = CounterReading.of(record.value());
        RecentSamples recent = recentSamples.get(key);
        if (recent == null) {
            recentSamples.put(key, new RecentSamples(List.of(current)));
            metrics.count("counter-baseline", key.device());
            context.forward(record.withValue(new Step.Discovered(discovered(key, record.value()))));
            return;
        }
        RecentSamples.Place place = recent.placeOf(current);
        if (place.duplicate()) {
            metrics.count(CounterDelta.Kind.DUPLICATE.event(), key.device());
            return;
        }
        recentSamples.put(key, recent.with(current, clock.oldestAdmitted(key.device())));
        if (place.after() != null) {
            // A poll within the lateness, but older than the latest: the interval it falls in becomes two.
            metrics.count("counter-reordered", key.device());
            if (place.before() != null
                    && between(key, place.before(), place.after()) instanceof CounterDelta.Interval replaced) {
                forward(record, replaced.retraction(), place.after());
            }
            if (place.before() != null) {
                count(key, place.before(), current, record);
            }
            count(key, current, place.after(), record);
            return;
        }
        count(key, place.before(), current, record);
    }

    /** Counts what two neighbouring polls say and forwards it when it is an interval. */
    private void count(InterfaceKey key, CounterReading previous, CounterReading current,
                       FixedKeyRecord<InterfaceKey, CounterSample> record) {
        switch (between(key, previous, current)) {
            case CounterDelta.Interval interval -> {
                metrics.count("counter-interval", key.device());
                if (interval.wrapped()) {
                    metrics.count("counter-wrap", key.device());
                }
                forward(record, interval, current);
            }
            case CounterDelta.Discontinuity discontinuity -> {
                metrics.count(discontinuity.kind().event(), key.device());
                LOG.debug("{} {}: no rate between {} and {}", key.asString(), discontinuity.kind(), previous, current);
            }
        }
    }

    private CounterDelta between(InterfaceKey key, CounterReading previous, CounterReading current) {
        // Two global-store reads, only for samples that carry no usable speed of their own.
        OptionalLong inventorySpeed = current.speedBitsPerSecond().isPresent() ? OptionalLong.empty()
                : directory.inventoryEntryOf(key)
                        .map(InterfaceEntry::getSpeed)
                        .map(OptionalLong::of)
                        .orElse(OptionalLong.empty());
        return CounterDelta.between(previous, current, inventorySpeed, rules);
    }

    /** An interval goes on stamped with its end poll's time. */
    private void forward(FixedKeyRecord<InterfaceKey, CounterSample> record, CounterDelta.Interval interval,
                         CounterReading end) {
        context.forward(record.withValue((Step) new Step.Usable(interval))
                .withTimestamp(end.pollTime().toEpochMilli()));
    }

    private static InventoryEntry discovered(InterfaceKey key, CounterSample sample) {
        return new InventoryEntry(InterfaceEntry.newBuilder()
                .setInterfaceId(key.derivedId().toString())
                .setDevice(key.device())
                .setIfIndex(key.ifIndex())
                .setName(sample.getIfName())
                .build());
    }
}
