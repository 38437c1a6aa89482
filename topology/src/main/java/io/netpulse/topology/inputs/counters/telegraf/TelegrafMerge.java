package io.netpulse.topology.inputs.counters.telegraf;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges one device's Telegraf rows (input keyed and partitioned by device) into one {@link CounterSample} per
 * interface and poll; see {@link TelegrafCounters} for the rules. Metrics (source = device):
 * {@value #SAMPLE}, {@value #ROW_LATE}, {@value #ROW_DUPLICATE}, {@value #INTERFACE_UNRESOLVED},
 * {@value #POLL_32_BIT_ONLY}, {@value #POLL_WITHOUT_COUNTERS}.
 *
 * <p>The open polls are indexed in memory only, rebuilt from {@link StoreNames#TELEGRAF_INTERFACE_POLLS} when a
 * task starts (one read of the task's interface states): by device-time deadline, so the polls a record makes due
 * are one sorted range of a map, and by wall-clock arrival, in a queue ordered by the arrival of its first row, so a
 * punctuation costs one peek when nothing is due however many interfaces the task holds. The polls store is the
 * state, and an index of it kept in a store of its own cost two more writes and changelog records per poll. After a
 * restart every restored open poll counts as arriving at init, to give rows still unread in the input a whole
 * window to arrive.
 */
final class TelegrafMerge implements ProcessorSupplier<String, TelegrafRow, InterfaceKey, CounterSample> {

    /** A merged sample was emitted. */
    static final String SAMPLE = "telegraf-sample";
    /** A row arrived after its poll was emitted (or older than the poll being merged), and was dropped. */
    static final String ROW_LATE = "telegraf-row-late";
    /** A row repeated counters (or the uptime) its open poll already had, and was dropped: the first wins. */
    static final String ROW_DUPLICATE = "telegraf-row-duplicate";
    /** A row without index whose ifName/ifDescr no indexed row of the device matched within the poll window. */
    static final String INTERFACE_UNRESOLVED = "telegraf-interface-unresolved";
    /** A poll with only 32-bit counters from an interface that recently gave 64-bit ones, held back. */
    static final String POLL_32_BIT_ONLY = "telegraf-poll-32-bit-only";
    /** A poll whose rows carried no octet counters (speed or names only). */
    static final String POLL_WITHOUT_COUNTERS = "telegraf-poll-without-counters";

    private static final Logger LOG = LoggerFactory.getLogger(TelegrafMerge.class);
    /** Separates the device from the rest of every store key; devices cannot contain it (see the parser). */
    private static final char SEPARATOR = '|';
    private static final String HELD_BY_NAME = SEPARATOR + "name:";
    private static final int WIDTH_32 = 32;
    private static final int WIDTH_64 = 64;
    /** How often open polls are checked against the wall clock: a poll is emitted at most this long late. */
    private static final Duration WALL_CLOCK_CHECK = Duration.ofSeconds(1);

    private final Duration pollWindow;
    private final Duration counterWidthMemory;
    private final Duration wallClockCheck;

    TelegrafMerge(ExporterSettings.Telegraf settings) {
        this.pollWindow = settings.pollWindow();
        this.counterWidthMemory = settings.counterWidthMemory();
        this.wallClockCheck = pollWindow.compareTo(WALL_CLOCK_CHECK) < 0 ? pollWindow : WALL_CLOCK_CHECK;
    }

    @Override
    public Processor<String, TelegrafRow, InterfaceKey, CounterSample> get() {
        return new Merge();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                store(StoreNames.TELEGRAF_DEVICE_UPTIME, Serdes.String(), TelegrafSerdes.uptimes()),
                store(StoreNames.TELEGRAF_INTERFACE_POLLS, Serdes.String(), TelegrafSerdes.states()),
                store(StoreNames.TELEGRAF_INTERFACE_NAMES, Serdes.String(), Serdes.Integer()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    private final class Merge implements Processor<String, TelegrafRow, InterfaceKey, CounterSample> {
        private ProcessorContext<InterfaceKey, CounterSample> context;
        private KeyValueStore<String, UptimeRow> uptimes;
        private KeyValueStore<String, InterfaceState> polls;
        private KeyValueStore<String, Integer> names;
        private TopologyMetrics metrics;
        /** Open polls by the wall-clock time their first row arrived (stale entries are skipped when due). */
        private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(
                Comparator.comparingLong(Waiting::arrivedAtMillis));
        /** The open polls by device, deadline (device time) and subject: exactly the polls with a pending row. */
        private final NavigableMap<Bytes, String> deadlines = new TreeMap<>();

        @Override
        public void init(ProcessorContext<InterfaceKey, CounterSample> context) {
            this.context = context;
            this.uptimes = context.getStateStore(StoreNames.TELEGRAF_DEVICE_UPTIME);
            this.polls = context.getStateStore(StoreNames.TELEGRAF_INTERFACE_POLLS);
            this.names = context.getStateStore(StoreNames.TELEGRAF_INTERFACE_NAMES);
            this.metrics = new TopologyMetrics(context);
            deadlines.clear();
            waiting.clear();
            long now = context.currentSystemTimeMs();
            // The restored open polls wait in the deadline order, as the index lists them.
            NavigableMap<Bytes, Waiting> restored = new TreeMap<>();
            try (KeyValueIterator<String, InterfaceState> all = polls.all()) {
                all.forEachRemaining(entry -> {
                    InterfaceRow pending = entry.value.pending();
                    if (pending != null) {
                        Bytes key = deadlineKey(pending.device(), deadline(pending), entry.key);
                        deadlines.put(key, entry.key);
                        restored.put(key, new Waiting(now, entry.key, pending.time()));
                    }
                });
            }
            waiting.addAll(restored.values());
            context.schedule(wallClockCheck, PunctuationType.WALL_CLOCK_TIME, this::emitWaitedOut);
        }

        @Override
        public void process(Record<String, TelegrafRow> record) {
            TelegrafRow row = record.value();
            // Polls this record's time has moved past are complete: emit them with the uptime of their own poll,
            // before this record (perhaps the next poll's uptime) replaces it. By the record's own time, not the
            // newest time seen: one record stamped in the future must not make every later poll due as soon as
            // its first row arrives.
            emitDue(row.device(), row.time());
            switch (row) {
                case UptimeRow reading -> onUptime(reading);
                case InterfaceRow interfaceRow -> onInterfaceRow(interfaceRow);
            }
        }

        /**
         * The last uptime to arrive, whatever its time: a poll only takes it when it lies within the poll window,
         * so an outlier is never attached, and it cannot shadow the readings after it. A second reading within the
         * window of the stored one is the same poll's, and the first wins.
         */
        private void onUptime(UptimeRow reading) {
            UptimeRow stored = uptimes.get(reading.device());
            if (stored != null && samePoll(stored.time(), reading.time())) {
                duplicate(reading.device(), "uptime", reading.time());
                return;
            }
            uptimes.put(reading.device(), reading);
        }

        private void emitDue(String device, Instant now) {
            Bytes from = deadlineKey(device, Long.MIN_VALUE, "");
            Bytes to = deadlineKey(device, now.toEpochMilli() + 1, "");
            NavigableMap<Bytes, String> due = deadlines.subMap(from, true, to, true);
            if (due.isEmpty()) {
                return;
            }
            UptimeRow uptime = uptimes.get(device);
            // Taken out one by one, in order: closing a poll never opens one.
            for (Map.Entry<Bytes, String> entry = due.pollFirstEntry(); entry != null; entry = due.pollFirstEntry()) {
                InterfaceState state = polls.get(entry.getValue());
                if (state != null && state.pending() != null) {
                    close(entry.getValue(), state, uptime);
                }
            }
        }

        /**
         * Emits the open polls whose first row arrived at least a poll window ago by the wall clock: the device
         * may have stopped, and a live device's newest rate need not wait a whole Telegraf interval. The sample is
         * the one its next poll would have closed it with, uptime included: a later uptime of the device would
         * have closed it first.
         */
        private void emitWaitedOut(long nowMillis) {
            long windowMillis = pollWindow.toMillis();
            while (!waiting.isEmpty() && waiting.peek().arrivedAtMillis() + windowMillis <= nowMillis) {
                Waiting poll = waiting.poll();
                InterfaceState state = polls.get(poll.subject());
                if (state == null || state.pending() == null || !state.pending().time().equals(poll.pollTime())) {
                    continue; // closed by the device's own clock already
                }
                InterfaceRow pending = state.pending();
                deadlines.remove(deadlineKey(pending.device(), deadline(pending), poll.subject()));
                close(poll.subject(), state, uptimes.get(pending.device()));
            }
        }

        /** Ends an open poll: emitted when its interface is known, else counted as unresolved. */
        private void close(String subject, InterfaceState state, UptimeRow deviceUptime) {
            if (state.pending().ifIndex() == null) {
                unresolved(state.pending());
                polls.delete(subject);
            } else {
                polls.put(subject, emit(state, deviceUptime));
            }
        }

        /** Starts a poll with its first row: indexed by its device-time deadline and its wall-clock arrival. */
        private void open(String subject, InterfaceState state, InterfaceRow first) {
            polls.put(subject, state.withPending(first));
            deadlines.put(deadlineKey(first.device(), deadline(first), subject), subject);
            waiting.add(new Waiting(context.currentSystemTimeMs(), subject, first.time()));
        }

        private void onInterfaceRow(InterfaceRow row) {
            InterfaceRow indexed = row;
            if (row.ifIndex() == null) {
                Integer known = lookup(row.device(), row.ifName());
                if (known == null) {
                    known = lookup(row.device(), row.ifDescr());
                }
                if (known == null) {
                    hold(row);
                    return;
                }
                indexed = row.withIfIndex(known);
            } else {
                learnNames(row);
                adoptHeldRows(row);
            }
            apply(indexed);
        }

        /** Adds a row of a known interface to its poll. */
        private void apply(InterfaceRow row) {
            String subject = new InterfaceKey(row.device(), row.ifIndex()).asString();
            InterfaceState state = Objects.requireNonNullElse(polls.get(subject), InterfaceState.NONE);
            Instant time = row.time();
            if (state.emittedUntil() != null && time.isBefore(state.emittedUntil())) {
                late(row);
                return;
            }
            InterfaceRow pending = state.pending();
            if (pending != null) {
                if (samePoll(time, pending.time())) {
                    addToPoll(subject, state, row);
                    return;
                }
                if (time.isBefore(pending.time())) {
                    late(row);
                    return;
                }
                // Unreachable while the deadline index is intact: a later row makes the pending poll due first.
                deadlines.remove(deadlineKey(row.device(), deadline(pending), subject));
                state = emit(state, uptimes.get(row.device()));
            }
            open(subject, state, row);
        }

        /** Adds a row to its open poll, unless it repeats counters the poll has: the first reading wins. */
        private void addToPoll(String subject, InterfaceState state, InterfaceRow row) {
            if (state.pending().repeatsCountersOf(row)) {
                duplicate(row.device(), row.displayName(), row.time());
                return;
            }
            polls.put(subject, state.withPending(state.pending().mergedWith(row)));
        }

        /** Keeps a row known only by name until an indexed row of the same device names it, or its poll ends. */
        private void hold(InterfaceRow row) {
            String subject = row.device() + HELD_BY_NAME + row.displayName();
            InterfaceState held = polls.get(subject);
            InterfaceRow pending = held == null ? null : held.pending();
            if (pending != null) {
                if (samePoll(row.time(), pending.time())) {
                    addToPoll(subject, held, row);
                    return;
                }
                if (row.time().isBefore(pending.time())) {
                    unresolved(row);
                    return;
                }
                deadlines.remove(deadlineKey(row.device(), deadline(pending), subject));
                unresolved(pending);
            }
            open(subject, InterfaceState.NONE, row);
        }

        private void adoptHeldRows(InterfaceRow indexed) {
            Set<String> rowNames = new LinkedHashSet<>();
            if (indexed.ifName() != null) {
                rowNames.add(indexed.ifName());
            }
            if (indexed.ifDescr() != null) {
                rowNames.add(indexed.ifDescr());
            }
            for (String name : rowNames) {
                String subject = indexed.device() + HELD_BY_NAME + name;
                InterfaceState held = polls.get(subject);
                if (held != null && held.pending() != null) {
                    polls.delete(subject);
                    deadlines.remove(deadlineKey(indexed.device(), deadline(held.pending()), subject));
                    apply(held.pending().withIfIndex(indexed.ifIndex()));
                }
            }
        }

        private void learnNames(InterfaceRow indexed) {
            for (String name : new String[] {indexed.ifName(), indexed.ifDescr()}) {
                if (name != null) {
                    String key = indexed.device() + SEPARATOR + name;
                    if (!indexed.ifIndex().equals(names.get(key))) {
                        names.put(key, indexed.ifIndex());
                    }
                }
            }
        }

        private Integer lookup(String device, String name) {
            return name == null ? null : names.get(device + SEPARATOR + name);
        }

        /**
         * Emits the pending poll of an indexed interface, or counts why not; answers the state after it. The sample
         * depends only on the poll's rows and the device's uptime reading, never on what closed the poll.
         */
        private InterfaceState emit(InterfaceState state, UptimeRow deviceUptime) {
            InterfaceRow poll = state.pending();
            Instant emittedUntil = poll.time().plus(pollWindow);
            Octets octets;
            int width;
            if (poll.octets64() != null) {
                octets = poll.octets64();
                width = WIDTH_64;
            } else if (poll.octets32() != null && (state.last64BitAt() == null
                    || !poll.octets32().readAt().isBefore(state.last64BitAt().plus(counterWidthMemory)))) {
                octets = poll.octets32();
                width = WIDTH_32;
            } else {
                metrics.count(poll.octets32() != null ? POLL_32_BIT_ONLY : POLL_WITHOUT_COUNTERS, poll.device());
                LOG.debug("Telegraf poll of {} ifIndex {} at {} not emitted: {}", poll.device(), poll.ifIndex(),
                        poll.time(), poll.octets32() != null ? "only 32-bit counters after 64-bit ones"
                                : "no octet counters");
                return new InterfaceState(null, emittedUntil, state.last64BitAt());
            }
            UptimeRow uptime = deviceUptime != null && samePoll(deviceUptime.time(), poll.time()) ? deviceUptime : null;
            CounterSample sample = CounterSample.newBuilder()
                    .setDevice(poll.device())
                    .setIfIndex(poll.ifIndex())
                    .setInterfaceId(null)
                    .setPollTime(octets.readAt())
                    .setSysUpTime(uptime == null ? null : uptime.sysUpTimeTicks())
                    .setInOctets(octets.in())
                    .setOutOctets(octets.out())
                    .setCounterWidth(width)
                    .setIfSpeed(poll.bitsPerSecond())
                    .setIfName(poll.displayName())
                    .build();
            context.forward(new Record<>(new InterfaceKey(poll.device(), poll.ifIndex()), sample,
                    octets.readAt().toEpochMilli()));
            metrics.count(SAMPLE, poll.device());
            return new InterfaceState(null, emittedUntil, width == WIDTH_64 ? octets.readAt() : state.last64BitAt());
        }

        private void duplicate(String device, String what, Instant time) {
            metrics.count(ROW_DUPLICATE, device);
            LOG.debug("Telegraf row of {} ({}) at {} repeats what its poll already has: dropped, the first wins",
                    device, what, time);
        }

        private void late(InterfaceRow row) {
            metrics.count(ROW_LATE, row.device());
            LOG.debug("Telegraf row of {} ifIndex {} at {} is late: its poll was already emitted", row.device(),
                    row.ifIndex(), row.time());
        }

        private void unresolved(InterfaceRow row) {
            metrics.count(INTERFACE_UNRESOLVED, row.device());
            LOG.debug("Telegraf row of {} named '{}' at {} matched no ifIndex: no row of the same poll carried an"
                    + " index with that ifName or ifDescr", row.device(), row.displayName(), row.time());
        }
    }

    /** An open poll's subject, its first row's time (its identity), and when that row arrived by the wall clock. */
    private record Waiting(long arrivedAtMillis, String subject, Instant pollTime) {
    }

    private boolean samePoll(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(pollWindow) < 0;
    }

    private long deadline(InterfaceRow pollStart) {
        return pollStart.time().plus(pollWindow).toEpochMilli();
    }

    /**
     * Deadline keys sort by device, then time, then subject: a device's due polls are one range of the index. The
     * sign bit is flipped so that the bytes of any long sort in numeric order.
     */
    private static Bytes deadlineKey(String device, long deadlineMillis, String subject) {
        byte[] deviceBytes = device.getBytes(StandardCharsets.UTF_8);
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(deviceBytes.length + 1 + Long.BYTES + subjectBytes.length)
                .put(deviceBytes)
                .put((byte) SEPARATOR)
                .putLong(deadlineMillis ^ Long.MIN_VALUE)
                .put(subjectBytes)
                .array());
    }
}
