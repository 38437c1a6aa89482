package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.topology.time.SourceClock;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The silent-source rule for one signal (counters or flows), over every record of it in event time, each task
 * holding whole sources (the counters are partitioned by device, the flows' heartbeats by exporter). The last
 * seen time of a source is the latest event time of its records: a dead poller stops this clock, an idle link
 * does not (its polls still come, with zero octets).
 *
 * <p>A source is silent when nothing newer than its last seen time L came for {@link AlertSettings#silence()}
 * (S): the alert starts at L + S, whichever way it is found, so its id is the same live and on replay.
 * <ul>
 *   <li>Live, by punctuation on the wall clock ({@link SourceClock#CLOSE_CHECK_INTERVAL}): raised when the source
 *       has sent nothing for S by the wall clock and either another source of the task is S past L in event time,
 *       or the whole task has received nothing for S (a fully quiet system has no event time to judge by).</li>
 *   <li>From the data: a record that comes S or more after L, for a source with no active alert, gives the alert
 *       raised and cleared at once ([L + S, its time)). On a replay of a backlog the wall-clock test never holds
 *       (records keep coming), so this is what finds the gaps: the same alerts, with the same ids and ends.</li>
 * </ul>
 * The next record newer than L clears an active alert at its event time (no earlier than the alert's start).
 * The raised record reports the silence (threshold and observed S, window [L, L + S)); the cleared one the whole
 * gap (observed and window [L, end)). State: per source its last seen time and active alert, in a store and in
 * memory; the last arrival by the wall clock lives in memory only, and every restored source counts as heard at
 * the restore, like {@link SourceClock}.
 *
 * @param <K> the key the signal's records carry
 * @param <V> their value, not read: only their event time counts
 */
final class SilenceProcessor<K, V> implements Processor<K, V, String, Alert> {

    private static final long NONE = Long.MIN_VALUE;

    /**
     * What the store keeps per source.
     *
     * @param lastSeen the latest event time of its records
     * @param active   its active alert, or null
     */
    record State(long lastSeen, Alert active) {

        static Serde<State> serde(Serde<Alert> alerts) {
            return RuleStates.serde(alerts, State::active, (state, out) -> out.writeLong(state.lastSeen),
                    State::read);
        }

        private static State read(DataInputStream in, Alert active) throws IOException {
            return new State(in.readLong(), active);
        }
    }

    private static final class Source {
        long lastSeen = NONE;
        long lastArrival;
        Alert active;
    }

    private final String signal;
    private final String storeName;
    private final Function<K, String> sourceOf;
    private final long silenceMillis;
    private final Map<String, Source> sources = new HashMap<>();
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, State> store;
    private long frontier = NONE;
    private long lastArrivalOfAll;

    /**
     * @param signal    counters or flows, the alerts' {@code signal}
     * @param storeName where the sources' state is kept
     * @param sourceOf  the source of a record's key
     */
    SilenceProcessor(String signal, String storeName, Function<K, String> sourceOf, Duration silence) {
        this.signal = signal;
        this.storeName = storeName;
        this.sourceOf = sourceOf;
        this.silenceMillis = silence.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        long now = context.currentSystemTimeMs();
        lastArrivalOfAll = now;
        try (KeyValueIterator<String, State> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, State> entry = all.next();
                Source source = new Source();
                source.lastSeen = entry.value.lastSeen();
                source.lastArrival = now;
                source.active = entry.value.active();
                sources.put(entry.key, source);
                frontier = Math.max(frontier, source.lastSeen);
            }
        }
        context.schedule(SourceClock.CLOSE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<K, V> record) {
        String name = sourceOf.apply(record.key());
        long now = context.currentSystemTimeMs();
        long time = record.timestamp();
        Source source = sources.computeIfAbsent(name, unused -> new Source());
        source.lastArrival = now;
        lastArrivalOfAll = now;
        if (source.lastSeen != NONE && time <= source.lastSeen) {
            return;
        }
        if (source.active != null) {
            clear(name, source, time);
        } else if (source.lastSeen != NONE && time - source.lastSeen >= silenceMillis) {
            // A gap found in the data: the alert the wall clock would have raised, already over.
            Alert gap = silent(name, source.lastSeen);
            source.active = gap;
            clear(name, source, time);
        }
        source.lastSeen = time;
        frontier = Math.max(frontier, time);
        store.put(name, new State(time, null));
    }

    /** Raises the alert of every source silent by now. */
    private void check(long now) {
        boolean taskQuiet = now - lastArrivalOfAll >= silenceMillis;
        for (Map.Entry<String, Source> entry : sources.entrySet()) {
            Source source = entry.getValue();
            if (source.active == null && source.lastSeen != NONE && now - source.lastArrival >= silenceMillis
                    && (taskQuiet || frontier - source.lastSeen >= silenceMillis)) {
                source.active = silent(entry.getKey(), source.lastSeen);
                store.put(entry.getKey(), new State(source.lastSeen, source.active));
                context.forward(new Record<>(source.active.getId(), source.active,
                        source.active.getStart().toEpochMilli()));
            }
        }
    }

    private Alert silent(String name, long lastSeen) {
        String subject = signal + ":" + name;
        long start = lastSeen + silenceMillis;
        return Alert.newBuilder()
                .setId(AlertRule.SOURCE_SILENT.idOf(subject, start))
                .setRule(AlertRule.SOURCE_SILENT.wireName())
                .setSubject(subject)
                .setSource(name)
                .setSignal(signal)
                .setStart(Instant.ofEpochMilli(start))
                .setThreshold(silenceMillis / 1000.0)
                .setObserved(silenceMillis / 1000.0)
                .setUnit("seconds")
                .setWindowStart(Instant.ofEpochMilli(lastSeen))
                .setWindowEnd(Instant.ofEpochMilli(start))
                .build();
    }

    /** The source sent again at {@code time}: its active alert ends then, no earlier than it started. */
    private void clear(String name, Source source, long time) {
        long end = Math.max(time, source.active.getStart().toEpochMilli());
        Alert cleared = Alert.newBuilder(source.active)
                .setEnd(Instant.ofEpochMilli(end))
                .setObserved((end - source.lastSeen) / 1000.0)
                .setWindowEnd(Instant.ofEpochMilli(end))
                .build();
        source.active = null;
        context.forward(new Record<>(cleared.getId(), cleared, end));
    }
}
