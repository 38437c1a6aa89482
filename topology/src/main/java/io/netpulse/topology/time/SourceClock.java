package io.netpulse.topology.time;

import io.netpulse.topology.TopologyMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The event time of each source seen by one task: the latest event time it sent. Kafka Streams' own windows
 * judge lateness by the task's stream time, which one source's backlog moves past every other source's
 * records; here a record is late only against its own source, so the answer does not depend on the order
 * in which partitions are read.
 *
 * <p>A source that has sent nothing for the grace, by the wall clock, is quiet: its clock then moves on with
 * the wall clock, so its last windows still close, as if it had kept sending. A backlog is read far faster than
 * the wall clock moves, so this never closes a window a backlog is still filling. Windows of one source close at its clock minus
 * the grace ({@link #closeTime(String)}); windows fed by many sources (a site, an address) close at the
 * earliest clock among the sources that sent within the grace, by the wall clock ({@link #closeTimeOfAll()}).
 *
 * <p>The latest event time per source is kept in a changelogged store, so a restart judges exactly as before.
 * Late records are counted as {@code <name>-late} per source and in total, and logged once per source and
 * minute. State: one entry of about 40 bytes per source and task; per record, a hash lookup and, when the
 * source's time advances, one cached store write.
 */
public final class SourceClock {

    /** How often, by the wall clock, windows of quiet sources are checked for closing. */
    public static final Duration CLOSE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final long NONE = Long.MIN_VALUE;

    private final ProcessingContext context;
    private final KeyValueStore<String, Long> store;
    private final long latenessMillis;
    private final long graceMillis;
    private final LateRecords late;
    private final Map<String, Source> sources = new HashMap<>();

    private static final class Source {
        long latest = NONE;
        long lastArrival;
    }

    private SourceClock(String name, ProcessingContext context, KeyValueStore<String, Long> store,
                        Duration lateness, Duration grace, TopologyMetrics metrics) {
        this.context = context;
        this.store = store;
        this.latenessMillis = lateness.toMillis();
        this.graceMillis = grace.toMillis();
        this.late = new LateRecords(name + "-late", metrics);
    }

    /** The store behind a clock named {@code storeName}. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String storeName) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                Serdes.Long()).withCachingEnabled();
    }

    /**
     * Opens the clock kept in {@code storeName}; every source it restores counts as heard from now.
     *
     * @param name     the aggregate it judges, prefix of its {@code <name>-late} metric
     * @param lateness how far behind its own source's latest record a record may be and still count
     * @param grace    how far a window's end must lie behind the source's clock before it closes
     */
    public static SourceClock open(String name, ProcessingContext context, String storeName, Duration lateness,
                                   Duration grace) {
        SourceClock clock = new SourceClock(name, context, context.getStateStore(storeName), lateness, grace,
                new TopologyMetrics(context));
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, Long> all = clock.store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                Source source = clock.source(entry.key, now);
                source.latest = entry.value;
            }
        }
        return clock;
    }

    /**
     * Takes a record of {@code source} at {@code eventTime} into account: false, counted and logged, when it is
     * further behind its source's latest record than the lateness; true otherwise.
     */
    public boolean admit(String source, long eventTime) {
        long now = context.currentSystemTimeMs();
        Source state = source(source, now);
        if (state.latest != NONE && eventTime < state.latest - latenessMillis) {
            late.record(source, now, () -> "a record at " + Instant.ofEpochMilli(eventTime) + " is "
                    + Duration.ofMillis(state.latest - eventTime) + " behind that source's latest ("
                    + Instant.ofEpochMilli(state.latest) + "), beyond the lateness of "
                    + Duration.ofMillis(latenessMillis));
            return false;
        }
        advance(source, state, eventTime, now);
        return true;
    }

    /** Takes a record into account that an earlier step already judged in time. */
    public void observe(String source, long eventTime) {
        long now = context.currentSystemTimeMs();
        advance(source, source(source, now), eventTime, now);
    }

    /** The oldest event time of {@code source} that is still admitted; {@link Long#MIN_VALUE} for one never seen. */
    public long oldestAdmitted(String source) {
        Source state = sources.get(source);
        return state == null || state.latest == NONE ? Long.MIN_VALUE : state.latest - latenessMillis;
    }

    /** The latest event time of any source of the task, {@link Long#MIN_VALUE} before the first. */
    public long latestOfAll() {
        long latest = NONE;
        for (Source state : sources.values()) {
            latest = Math.max(latest, state.latest);
        }
        return latest;
    }

    /**
     * Windows of {@code source} that end at or before this may close: its clock minus the grace; once it is
     * quiet, its clock moved on by the wall-clock time since it last sent. {@link Long#MIN_VALUE} for a source
     * never seen.
     */
    public long closeTime(String source) {
        Source state = sources.get(source);
        if (state == null || state.latest == NONE) {
            return Long.MIN_VALUE;
        }
        return closeTime(state, context.currentSystemTimeMs());
    }

    /**
     * Windows fed by every source of the task that end at or before this may close: the earliest
     * {@link #closeTime(String)} among the sources that are not quiet. A quiet source holds nothing back; when
     * every source is quiet, every window may close.
     */
    public long closeTimeOfAll() {
        long now = context.currentSystemTimeMs();
        long earliest = Long.MAX_VALUE;
        for (Source state : sources.values()) {
            if (state.latest != NONE && now - state.lastArrival < graceMillis) {
                earliest = Math.min(earliest, closeTime(state, now));
            }
        }
        return earliest;
    }

    private long closeTime(Source state, long now) {
        long quiet = now - state.lastArrival;
        return quiet < graceMillis ? state.latest - graceMillis : state.latest + quiet - graceMillis;
    }

    private Source source(String source, long now) {
        Source state = sources.get(source);
        if (state == null) {
            state = new Source();
            state.lastArrival = now;
            sources.put(source, state);
        }
        return state;
    }

    private void advance(String source, Source state, long eventTime, long now) {
        state.lastArrival = now;
        if (eventTime > state.latest) {
            state.latest = eventTime;
            store.put(source, eventTime);
        }
    }
}
