package io.netpulse.topology.alerts;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.inventory.Directory;
import io.netpulse.topology.ip.IpClosedSample;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-IP spike rule over the closed base samples of the per-IP statistics, one address at a time (keyed and
 * partitioned by address, in their sub-topology).
 *
 * <p>Each address's baseline is an exponentially weighted mean (EWMA) of the bytes (received + transmitted) of its
 * previous closed samples: the first sample sets it, each next one moves it by {@link AlertSettings#spikeWeight()}
 * of the difference. Once {@link AlertSettings#spikeWarmUpSamples()} samples made it, a sample above
 * max({@link AlertSettings#spikeFactor()} x baseline, {@link AlertSettings#spikeFloorBytes()}) raises an alert
 * starting at its start: threshold that max, observed its bytes, window the sample. The first later sample at or
 * under its own threshold clears it at its start; so does a missing sample (no traffic is no spike), at the end of
 * the last one. Every sample, spiking or not, then moves the baseline. A sample exists only when the address had
 * traffic: missing samples neither count towards the warm-up nor move the baseline. A sample emitted again after it
 * closed (a late exporter) is not judged again.
 */
final class SpikeProcessor implements Processor<String, IpClosedSample, String, Alert> {

    private static final long NONE = Long.MIN_VALUE;

    /**
     * What the rule knows of one address.
     *
     * @param lastEnd  end of the last sample judged
     * @param samples  how many samples made the baseline
     * @param baseline the EWMA of their bytes
     * @param active   the alert raised and not cleared, or null
     */
    record State(long lastEnd, long samples, double baseline, Alert active) {

        static final State EMPTY = new State(NONE, 0, 0, null);

        static Serde<State> serde(Serde<Alert> alerts) {
            return RuleStates.serde(alerts, State::active, State::write, State::read);
        }

        private static void write(State state, DataOutputStream out) throws IOException {
            out.writeLong(state.lastEnd);
            out.writeLong(state.samples);
            out.writeDouble(state.baseline);
        }

        private static State read(DataInputStream in, Alert active) throws IOException {
            return new State(in.readLong(), in.readLong(), in.readDouble(), active);
        }
    }

    private final AlertSettings settings;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, State> states;
    private Directory directory;

    SpikeProcessor(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(StoreNames.ALERTS_IP_SPIKE);
        this.directory = Directory.of(context.<KeyValueStore<String, ?>>getStateStore(StoreNames.DIRECTORY));
    }

    @Override
    public void process(Record<String, IpClosedSample> record) {
        String address = record.key();
        IpClosedSample sample = record.value();
        State state = states.get(address);
        if (state == null) {
            state = State.EMPTY;
        }
        if (state.lastEnd != NONE && sample.startMillis() < state.lastEnd) {
            return;
        }
        Alert active = state.active;
        if (active != null && sample.startMillis() != state.lastEnd) {
            active = clear(active, state.lastEnd);
        }
        long bytes = sample.totalBytes();
        double threshold = Math.max(settings.spikeFactor() * state.baseline, settings.spikeFloorBytes());
        boolean judged = state.samples >= settings.spikeWarmUpSamples();
        if (judged && bytes > threshold) {
            if (active == null) {
                active = raise(address, sample, threshold, bytes);
            }
        } else if (active != null) {
            active = clear(active, sample.startMillis());
        }
        double baseline = state.samples == 0 ? bytes
                : state.baseline + settings.spikeWeight() * (bytes - state.baseline);
        states.put(address, new State(sample.endMillis(), state.samples + 1, baseline, active));
    }

    private Alert raise(String address, IpClosedSample sample, double threshold, long bytes) {
        Alert raised = Alert.newBuilder()
                .setId(AlertRule.IP_SPIKE.idOf(address, sample.startMillis()))
                .setRule(AlertRule.IP_SPIKE.wireName())
                .setSubject(address)
                .setAddress(address)
                .setAccountId(directory.address(address).map(AddressEntry::getAccountId).orElse(null))
                .setStart(Instant.ofEpochMilli(sample.startMillis()))
                .setThreshold(threshold)
                .setObserved(bytes)
                .setUnit("bytes")
                .setWindowStart(Instant.ofEpochMilli(sample.startMillis()))
                .setWindowEnd(Instant.ofEpochMilli(sample.endMillis()))
                .build();
        context.forward(new Record<>(raised.getId(), raised, sample.startMillis()));
        return raised;
    }

    private Alert clear(Alert active, long endMillis) {
        Alert cleared = Alert.newBuilder(active).setEnd(Instant.ofEpochMilli(endMillis)).build();
        context.forward(new Record<>(cleared.getId(), cleared, endMillis));
        return null;
    }
}
