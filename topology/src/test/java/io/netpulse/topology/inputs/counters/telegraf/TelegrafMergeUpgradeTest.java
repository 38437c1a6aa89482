package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * An upgrade in the middle of a poll: state that an earlier version left as JSON (here written through the JSON
 * serde into the same bytes that the upgraded merge's stores then read, as a restored changelog would be) closes
 * with the sample it would have closed with, and what the merge writes from then on is binary.
 */
class TelegrafMergeUpgradeTest {

    static final String DEVICE = "192.0.2.1";

    private final KeyValueStore<Bytes, byte[]> uptimeBytes =
            Stores.inMemoryKeyValueStore(StoreNames.TELEGRAF_DEVICE_UPTIME).get();
    private final KeyValueStore<Bytes, byte[]> pollBytes =
            Stores.inMemoryKeyValueStore(StoreNames.TELEGRAF_INTERFACE_POLLS).get();
    private final KeyValueStore<Bytes, byte[]> nameBytes =
            Stores.inMemoryKeyValueStore(StoreNames.TELEGRAF_INTERFACE_NAMES).get();
    private final TelegrafMerge merge = new TelegrafMerge(ExporterSettings.Telegraf.defaults());

    @Test
    void aPollOpenedAsJsonClosesAsBeforeAndTheStateIsRewrittenInBinary() {
        MockProcessorContext<InterfaceKey, CounterSample> before = new MockProcessorContext<>();
        before.setCurrentSystemTimeMs(T0.toEpochMilli());
        stores(TelegrafJson.serde(UptimeRow.class), TelegrafJson.serde(InterfaceState.class))
                .forEach(store -> store.init(before.getStateStoreContext(), store));
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> json = merge.get();
        json.init(before);
        json.process(record(new UptimeRow(DEVICE, T0, 11_331_974L)));
        json.process(record(new InterfaceRow(DEVICE, 2, null, "eth0", T0.plusMillis(200), null,
                new Octets(100, 200, T0.plusMillis(200)), null, 1_000_000_000L)));
        json.process(record(new InterfaceRow(DEVICE, 2, "Gi0/2", null, T0.plusMillis(400),
                new Octets(5_000_000_000L, 7_000_000_000L, T0.plusMillis(400)), null, 1_000L, null)));
        assertThat(before.forwarded()).isEmpty();
        assertThat(firstByte(pollBytes, "192.0.2.1|2")).isEqualTo((byte) '{');

        MockProcessorContext<InterfaceKey, CounterSample> after = new MockProcessorContext<>();
        after.setCurrentSystemTimeMs(T0.plusSeconds(1).toEpochMilli());
        stores(TelegrafSerdes.uptimes(), TelegrafSerdes.states())
                .forEach(store -> store.init(after.getStateStoreContext(), store));
        Processor<String, TelegrafRow, InterfaceKey, CounterSample> binary = merge.get();
        binary.init(after);
        binary.process(record(new UptimeRow(DEVICE, T0.plusSeconds(60), 11_337_974L)));

        assertThat(after.forwarded()).extracting(forward -> KeyValue.pair(forward.record().key(),
                        forward.record().value()), forward -> forward.record().timestamp())
                .containsExactly(tuple(KeyValue.pair(new InterfaceKey(DEVICE, 2),
                        new CounterSample(DEVICE, 2, null, T0.plusMillis(400), 11_331_974L, 5_000_000_000L,
                                7_000_000_000L, 64, 1_000_000_000L, "Gi0/2")),
                        T0.plusMillis(400).toEpochMilli()));
        assertThat(firstByte(pollBytes, "192.0.2.1|2")).isEqualTo(TelegrafSerdes.VERSION);
        assertThat(firstByte(uptimeBytes, DEVICE)).isEqualTo(TelegrafSerdes.VERSION);
    }

    private List<KeyValueStore<?, ?>> stores(Serde<UptimeRow> uptimes, Serde<InterfaceState> states) {
        return List.of(
                store(uptimeBytes, Serdes.String(), uptimes),
                store(pollBytes, Serdes.String(), states),
                store(nameBytes, Serdes.String(), Serdes.Integer()));
    }

    private static Record<String, TelegrafRow> record(TelegrafRow row) {
        return new Record<>(row.device(), row, row.time().toEpochMilli());
    }

    private static byte firstByte(KeyValueStore<Bytes, byte[]> bytes, String key) {
        return bytes.get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)))[0];
    }

    /** A typed store over {@code bytes}: two of them over the same bytes are one store read with two serdes. */
    private static <K, V> KeyValueStore<K, V> store(KeyValueStore<Bytes, byte[]> bytes, Serde<K> keys,
                                                    Serde<V> values) {
        KeyValueBytesStoreSupplier supplier = new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return bytes.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return bytes;
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
        return Stores.keyValueStoreBuilder(supplier, keys, values).withLoggingDisabled().build();
    }
}
