package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The wall-clock wait of an open Telegraf poll across a restart: the merge's stores survive it (here the same
 * in-memory stores handed to a new processor, as a restore would), its in-memory arrival times do not. The
 * TopologyTestDriver cannot show it, as it wipes its state directory on close.
 */
class TelegrafMergeRestartTest {

    static final String DEVICE = "192.0.2.1";

    private final List<KeyValueStore<?, ?>> stores = List.of(
            store(StoreNames.TELEGRAF_DEVICE_UPTIME, Serdes.String(), TelegrafJson.serde(UptimeRow.class)),
            store(StoreNames.TELEGRAF_INTERFACE_POLLS, Serdes.String(), TelegrafJson.serde(InterfaceState.class)),
            store(StoreNames.TELEGRAF_INTERFACE_NAMES, Serdes.String(), Serdes.Integer()));
    private final TelegrafMerge merge = new TelegrafMerge(ExporterSettings.Telegraf.defaults());

    @Test
    void aPollOpenAtARestartWaitsAWholeWindowFromInit() {
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> first = start(context(T0));
        InterfaceRow ifTableRow = new InterfaceRow(DEVICE, 2, null, "eth0", T0, null, new Octets(100, 200, T0), null,
                1_000_000_000L);
        first.process(new Record<>(DEVICE, ifTableRow, T0.toEpochMilli()));

        // Restarted a minute later: the poll's arrival at T0 is forgotten, it counts as arriving at init.
        MockProcessorContext<InterfaceKey, CounterSample> after = context(T0.plusSeconds(60));
        restart(after);
        Punctuator wallClock = after.scheduledPunctuators().getFirst().getPunctuator();

        wallClock.punctuate(T0.plusMillis(64_999).toEpochMilli());
        assertThat(after.forwarded()).as("4.999 s after init").isEmpty();
        wallClock.punctuate(T0.plusSeconds(65).toEpochMilli());

        assertThat(after.forwarded()).extracting(forward -> KeyValue.pair(forward.record().key(),
                        forward.record().value()), forward -> forward.record().timestamp())
                .containsExactly(tuple(KeyValue.pair(new InterfaceKey(DEVICE, 2),
                        new CounterSample(DEVICE, 2, null, T0, null, 100L, 200L, 32, 1_000_000_000L, "eth0")),
                        T0.toEpochMilli()));
    }

    /**
     * The index of open polls lives in memory and is read again from the polls store at init: after a restart, the
     * next poll of another interface of the device closes the open one at once, by the device's clock, with the
     * uptime of its own poll, in interface order.
     */
    @Test
    void pollsOpenAtARestartCloseByTheDevicesNextPoll() {
        MockProcessorContext<InterfaceKey, CounterSample> before = context(T0);
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> first = start(before);
        first.process(new Record<>(DEVICE, new UptimeRow(DEVICE, T0, 500), T0.toEpochMilli()));
        for (int ifIndex : new int[] {3, 2}) {
            first.process(new Record<>(DEVICE, new InterfaceRow(DEVICE, ifIndex, "xe-" + ifIndex, null, T0,
                    new Octets(1_000L * ifIndex, 2_000L * ifIndex, T0), null, 10_000L, null), T0.toEpochMilli()));
        }
        assertThat(before.forwarded()).isEmpty();

        MockProcessorContext<InterfaceKey, CounterSample> after = context(T0.plusSeconds(1));
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> restarted = restart(after);
        Instant next = T0.plusSeconds(60);
        restarted.process(new Record<>(DEVICE, new InterfaceRow(DEVICE, 7, "xe-7", null, next,
                new Octets(1L, 2L, next), null, 10_000L, null), next.toEpochMilli()));

        assertThat(after.forwarded().stream().<CounterSample>map(forward -> forward.record().value()).toList())
                .containsExactly(
                        new CounterSample(DEVICE, 2, null, T0, 500L, 2_000L, 4_000L, 64, 10_000_000_000L, "xe-2"),
                        new CounterSample(DEVICE, 3, null, T0, 500L, 3_000L, 6_000L, 64, 10_000_000_000L, "xe-3"));
    }

    private static MockProcessorContext<InterfaceKey, CounterSample> context(Instant wallClock) {
        MockProcessorContext<InterfaceKey, CounterSample> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        return context;
    }

    /** A merge on the stores, empty until now. */
    private Processor<String, TelegrafRow, InterfaceKey, CounterSample> start(
            MockProcessorContext<InterfaceKey, CounterSample> context) {
        stores.forEach(store -> store.init(context.getStateStoreContext(), store));
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> processor = merge.get();
        processor.init(context);
        return processor;
    }

    /** A new merge on the stores an earlier one left, as a restart restores them. */
    private Processor<String, TelegrafRow, InterfaceKey, CounterSample> restart(
            MockProcessorContext<InterfaceKey, CounterSample> context) {
        stores.forEach(context::addStateStore);
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> processor = merge.get();
        processor.init(context);
        return processor;
    }

    private static <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withLoggingDisabled()
                .build();
    }
}
