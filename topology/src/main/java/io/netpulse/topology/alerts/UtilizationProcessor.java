package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.counters.CounterSamples;
import io.netpulse.topology.inputs.inventory.Directory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The interface utilization rule over the closed minutes of the interface rates, one interface at a time (they
 * arrive keyed by interface and partitioned by device, in the rates' own sub-topology).
 *
 * <p>A closed minute is hot when its higher direction, max(in, out) bit/s, is above
 * {@link AlertSettings#utilizationPercent()} of the interface's speed. {@link AlertSettings#utilizationMinutes()}
 * consecutive hot minutes raise an alert that starts at the first of them; the threshold is that share of the
 * speed, the observed value the lowest max(in, out) of those minutes, the window the minutes themselves. It clears
 * at the start of the first closed minute at or below {@link AlertSettings#utilizationClearPercent()} (between
 * the two it stays), or at the end of the last minute judged when minutes are missing after it (a poller that
 * missed minutes says nothing about the load; the silent-source rule covers a device that stopped).
 *
 * <p>The speed is the one the interface's latest poll reported (its counters' ifHighSpeed/ifSpeed, read from
 * {@link StoreNames#INTERFACE_RECENT_SAMPLES}), else the inventory's; with neither the minute is not judged: a
 * run starts again and an active alert clears at its start. A minute emitted again after it closed (a poll of a
 * device quiet for longer than the grace) is not judged again: the rule has moved past it.
 */
final class UtilizationProcessor implements Processor<InterfaceKey, InterfaceRate, String, Alert> {

    private static final long NONE = Long.MIN_VALUE;

    /**
     * What the rule knows of one interface.
     *
     * @param lastEnd     end of the last minute judged
     * @param runStart    start of the current run of hot minutes ({@link #NONE} for none)
     * @param runMinutes  how many minutes the run holds
     * @param runLowest   the lowest max(in, out) of the run, bit/s
     * @param active      the alert raised and not cleared, or null
     */
    record State(long lastEnd, long runStart, int runMinutes, double runLowest, Alert active) {

        static final State EMPTY = new State(NONE, NONE, 0, 0, null);

        State withoutRun() {
            return new State(lastEnd, NONE, 0, 0, active);
        }

        static Serde<State> serde(Serde<Alert> alerts) {
            return RuleStates.serde(alerts, State::active, State::write, State::read);
        }

        private static void write(State state, DataOutputStream out) throws IOException {
            out.writeLong(state.lastEnd);
            out.writeLong(state.runStart);
            out.writeInt(state.runMinutes);
            out.writeDouble(state.runLowest);
        }

        private static State read(DataInputStream in, Alert active) throws IOException {
            return new State(in.readLong(), in.readLong(), in.readInt(), in.readDouble(), active);
        }
    }

    private final AlertSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<InterfaceKey, State> states;
    private KeyValueStore<InterfaceKey, ?> recentSamples;
    private Directory directory;

    UtilizationProcessor(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(StoreNames.ALERTS_UTILIZATION);
        this.recentSamples = context.getStateStore(StoreNames.INTERFACE_RECENT_SAMPLES);
        this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
    }

    @Override
    public void process(Record<InterfaceKey, InterfaceRate> record) {
        InterfaceKey key = record.key();
        InterfaceRate minute = record.value();
        long start = minute.getWindowStart().toEpochMilli();
        long end = minute.getWindowEnd().toEpochMilli();
        State state = states.get(key);
        if (state == null) {
            state = State.EMPTY;
        }
        if (state.lastEnd != NONE && start < state.lastEnd) {
            return;
        }
        if (state.lastEnd != start) {
            state = clear(state.withoutRun(), state.lastEnd, record.timestamp());
        }
        state = judge(key, minute, state, start, end, record.timestamp());
        states.put(key, new State(end, state.runStart, state.runMinutes, state.runLowest, state.active));
    }

    private State judge(InterfaceKey key, InterfaceRate minute, State state, long start, long end, long timestamp) {
        OptionalLong speed = speedOf(key);
        if (speed.isEmpty()) {
            return clear(state.withoutRun(), start, timestamp);
        }
        double observed = Math.max(minute.getInBitsPerSecond(), minute.getOutBitsPerSecond());
        double threshold = settings.utilizationPercent() / 100 * speed.getAsLong();
        if (state.active != null) {
            double clearAt = settings.utilizationClearPercent() / 100 * speed.getAsLong();
            return observed <= clearAt ? clear(state.withoutRun(), start, timestamp) : state;
        }
        if (observed <= threshold) {
            return state.withoutRun();
        }
        long runStart = state.runStart == NONE ? start : state.runStart;
        int runMinutes = state.runMinutes + 1;
        double runLowest = state.runStart == NONE ? observed : Math.min(state.runLowest, observed);
        if (runMinutes < settings.utilizationMinutes()) {
            return new State(state.lastEnd, runStart, runMinutes, runLowest, null);
        }
        Optional<InterfaceEntry> inventory = directory.inventoryEntryOf(key);
        Alert raised = Alert.newBuilder()
                .setId(AlertRule.INTERFACE_UTILIZATION.idOf(key.asString(), runStart))
                .setRule(AlertRule.INTERFACE_UTILIZATION.wireName())
                .setSubject(key.asString())
                .setInterfaceId(minute.getInterfaceId())
                .setSiteId(inventory.map(InterfaceEntry::getSiteId).orElse(null))
                .setSource(key.device())
                .setStart(Instant.ofEpochMilli(runStart))
                .setThreshold(threshold)
                .setObserved(runLowest)
                .setUnit("bit/s")
                .setWindowStart(Instant.ofEpochMilli(runStart))
                .setWindowEnd(Instant.ofEpochMilli(end))
                .build();
        context.forward(new Record<>(raised.getId(), raised, timestamp));
        return new State(state.lastEnd, NONE, 0, 0, raised);
    }

    /** Clears the state's active alert, if any, at {@code endMillis}. */
    private State clear(State state, long endMillis, long timestamp) {
        if (state.active == null) {
            return state;
        }
        Alert cleared = Alert.newBuilder(state.active).setEnd(Instant.ofEpochMilli(endMillis)).build();
        context.forward(new Record<>(cleared.getId(), cleared, timestamp));
        return new State(state.lastEnd, state.runStart, state.runMinutes, state.runLowest, null);
    }

    private OptionalLong speedOf(InterfaceKey key) {
        OptionalLong reported = CounterSamples.reportedSpeed(recentSamples, key);
        if (reported.isPresent()) {
            return reported;
        }
        return directory.inventoryEntryOf(key).map(InterfaceEntry::getSpeed).filter(speed -> speed > 0)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
