package io.netpulse.topology.ingest.telegraf;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
 * interface and poll; see {@link TelegrafCounters} for the rules. Metrics (entity = device):
 * {@value #SAMPLE}, {@value #ROW_LATE}, {@value #INTERFACE_UNRESOLVED}, {@value #POLL_32_BIT_ONLY},
 * {@value #POLL_WITHOUT_COUNTERS}.
 */
final class TelegrafMerge implements ProcessorSupplier<String, TelegrafRow, InterfaceKey, CounterSample> {

    /** A merged sample was emitted. */
    static final String SAMPLE = "telegraf-sample";
    /** A row arrived after its poll was emitted (or older than the poll being merged), and was dropped. */
    static final String ROW_LATE = "telegraf-row-late";
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

    private final Duration pollWindow;
    private final Duration counterWidthMemory;

    TelegrafMerge(ExporterSettings.Telegraf settings) {
        this.pollWindow = settings.pollWindow();
        this.counterWidthMemory = settings.counterWidthMemory();
    }

    @Override
    public Processor<String, TelegrafRow, InterfaceKey, CounterSample> get() {
        return new Merge();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                store(StoreNames.TELEGRAF_DEVICE_UPTIME, Serdes.String(), TelegrafJson.serde(UptimeRow.class)),
                store(StoreNames.TELEGRAF_INTERFACE_POLLS, Serdes.String(), TelegrafJson.serde(InterfaceState.class)),
                store(StoreNames.TELEGRAF_POLL_DEADLINES, Serdes.Bytes(), Serdes.String()),
                store(StoreNames.TELEGRAF_INTERFACE_NAMES, Serdes.String(), Serdes.Integer()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    private final class Merge implements Processor<String, TelegrafRow, InterfaceKey, CounterSample> {
        private ProcessorContext<InterfaceKey, CounterSample> context;
        private KeyValueStore<String, UptimeRow> uptimes;
        private KeyValueStore<String, InterfaceState> polls;
        private KeyValueStore<Bytes, String> deadlines;
        private KeyValueStore<String, Integer> names;
        private TopologyMetrics metrics;
        /** The uptime of the record's device as it was before the record: the one polls being emitted get. */
        private UptimeRow deviceUptime;

        @Override
        public void init(ProcessorContext<InterfaceKey, CounterSample> context) {
            this.context = context;
            this.uptimes = context.getStateStore(StoreNames.TELEGRAF_DEVICE_UPTIME);
            this.polls = context.getStateStore(StoreNames.TELEGRAF_INTERFACE_POLLS);
            this.deadlines = context.getStateStore(StoreNames.TELEGRAF_POLL_DEADLINES);
            this.names = context.getStateStore(StoreNames.TELEGRAF_INTERFACE_NAMES);
            this.metrics = new TopologyMetrics(context.metrics());
        }

        @Override
        public void process(Record<String, TelegrafRow> record) {
            TelegrafRow row = record.value();
            deviceUptime = uptimes.get(row.device());
            // Polls this record's time has moved past are complete: emit them with the uptime of their own poll,
            // before this record (perhaps the next poll's uptime) replaces it. By the record's own time, not the
            // newest time seen: one record stamped in the future must not make every later poll due as soon as
            // its first row arrives.
            emitDue(row.device(), row.time());
            switch (row) {
                // The last uptime to arrive, whatever its time: a poll only takes it when it lies within the poll
                // window, so an outlier is never attached, and it cannot shadow the readings after it.
                case UptimeRow reading -> uptimes.put(reading.device(), reading);
                case InterfaceRow interfaceRow -> onInterfaceRow(interfaceRow);
            }
        }

        private void emitDue(String device, Instant now) {
            List<KeyValue<Bytes, String>> due = new ArrayList<>();
            try (KeyValueIterator<Bytes, String> it = deadlines.range(
                    deadlineKey(device, Long.MIN_VALUE, ""), deadlineKey(device, now.toEpochMilli() + 1, ""))) {
                it.forEachRemaining(due::add);
            }
            for (KeyValue<Bytes, String> entry : due) {
                deadlines.delete(entry.key);
                String subject = entry.value;
                InterfaceState state = polls.get(subject);
                if (state == null || state.pending() == null) {
                    continue;
                }
                if (state.pending().ifIndex() == null) {
                    unresolved(state.pending());
                    polls.delete(subject);
                } else {
                    polls.put(subject, emit(state));
                }
            }
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
                    polls.put(subject, state.withPending(pending.mergedWith(row)));
                    return;
                }
                if (time.isBefore(pending.time())) {
                    late(row);
                    return;
                }
                // Unreachable while the deadline index is intact: a later row makes the pending poll due first.
                deadlines.delete(deadlineKey(row.device(), deadline(pending), subject));
                state = emit(state);
            }
            polls.put(subject, state.withPending(row));
            deadlines.put(deadlineKey(row.device(), deadline(row), subject), subject);
        }

        /** Keeps a row known only by name until an indexed row of the same device names it, or its poll ends. */
        private void hold(InterfaceRow row) {
            String subject = row.device() + HELD_BY_NAME + row.displayName();
            InterfaceState held = polls.get(subject);
            InterfaceRow pending = held == null ? null : held.pending();
            if (pending != null) {
                if (samePoll(row.time(), pending.time())) {
                    polls.put(subject, held.withPending(pending.mergedWith(row)));
                    return;
                }
                if (row.time().isBefore(pending.time())) {
                    unresolved(row);
                    return;
                }
                deadlines.delete(deadlineKey(row.device(), deadline(pending), subject));
                unresolved(pending);
            }
            polls.put(subject, new InterfaceState(row, null, null));
            deadlines.put(deadlineKey(row.device(), deadline(row), subject), subject);
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
                    deadlines.delete(deadlineKey(indexed.device(), deadline(held.pending()), subject));
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

        /** Emits the pending poll of an indexed interface, or counts why not; answers the state after it. */
        private InterfaceState emit(InterfaceState state) {
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

    private boolean samePoll(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(pollWindow) < 0;
    }

    private long deadline(InterfaceRow pollStart) {
        return pollStart.time().plus(pollWindow).toEpochMilli();
    }

    /**
     * Deadline keys sort by device, then time, then subject: a device's due polls are one range scan. The sign
     * bit is flipped so that the bytes of any long sort in numeric order.
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
