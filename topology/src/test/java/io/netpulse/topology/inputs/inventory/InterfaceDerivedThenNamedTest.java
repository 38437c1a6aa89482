package io.netpulse.topology.inputs.inventory;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafWire;
import io.netpulse.topology.rates.RateBucket;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, an interface without inventory: seen only through Telegraf, it gets its derived id (a version 3 UUID
 * of {@code netpulse:interface:<device>|<ifIndex>}) in the directory and its rates are stored by device and
 * ifIndex. Once the inventory names it, both ids resolve to the same {@link InterfaceKey}, so the rates stored
 * before the naming are found through the inventory id, and later polls extend the same history.
 *
 * <p>Polls as in {@code TelegrafRatesTest}: every 60 s, samples stamped 60k + 1, 1 000 000 bit/s in and
 * 250 000 out, so an interval gives 7 375 000 / 1 843 750 octets to its first minute (59 s) and
 * 125 000 / 31 250 to the next (1 s).
 */
class InterfaceDerivedThenNamedTest {

    private static final String DEVICE = "192.0.2.1";
    private static final InterfaceKey KEY = new InterfaceKey(DEVICE, 2);
    private static final UUID DERIVED =
            UUID.nameUUIDFromBytes("netpulse:interface:192.0.2.1|2".getBytes(StandardCharsets.UTF_8));
    private static final UUID INVENTORY_ID = UUID.fromString("3f1c2a9e-5b7d-4e8f-9a01-23456789abcd");

    @TempDir
    Path stateDir;
    private RatesTestDriver rates;

    @BeforeEach
    void start() {
        rates = new RatesTestDriver(stateDir);
    }

    @AfterEach
    void stop() {
        rates.close();
    }

    private static Instant at(long second) {
        return T0.plusSeconds(second);
    }

    private void telegraf(String device, byte[] metric, Instant at) {
        rates.pipe(rates.topics().names().telegraf(), device.getBytes(StandardCharsets.UTF_8), metric, at);
    }

    /** Poll k: uptime and ifTable row at 60k, ifXTable row at 60k + 1, counters k minutes of traffic on. */
    private void poll(int k) {
        long second = 60L * k;
        long in = 918_273_645_501L + 7_500_000L * k;
        long out = 1_029_384_756_102L + 1_875_000L * k;
        telegraf(DEVICE, TelegrafWire.CURRENT.uptime(DEVICE, at(second), 11_331_974L + 6_000L * k), at(second));
        telegraf(DEVICE, TelegrafWire.CURRENT.ifTableRow(DEVICE, 2, "TenGigE0/1", at(second),
                Long.remainderUnsigned(in, 1L << 32), Long.remainderUnsigned(out, 1L << 32)), at(second));
        telegraf(DEVICE, TelegrafWire.CURRENT.ifXTableRow(DEVICE, 2, "Te0/1", at(second + 1), in, out),
                at(second + 1));
    }

    private Directory directory() {
        KeyValueStore<String, ?> store = rates.driver().getKeyValueStore(StoreNames.DIRECTORY);
        return Directory.of(store);
    }

    /** What the query API does: the id to its interface through the directory, then the interface's minutes. */
    private List<KeyValue<Instant, RateBucket>> minutesOf(UUID id) {
        InterfaceEntry entry = directory().interfaceById(id).orElseThrow();
        InterfaceKey key = new InterfaceKey(entry.getDevice(), entry.getIfIndex());
        WindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> store =
                rates.driver().getTimestampedWindowStore(StoreNames.INTERFACE_RATES_MINUTE);
        List<KeyValue<Instant, RateBucket>> minutes = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> iterator = store.fetch(key, at(0), at(3_600))) {
            iterator.forEachRemaining(window -> minutes.add(
                    KeyValue.pair(Instant.ofEpochMilli(window.key), window.value.value())));
        }
        return minutes;
    }

    private static KeyValue<Instant, RateBucket> minute(long second, long in, long out, long coveredMillis) {
        return KeyValue.pair(at(second), new RateBucket(in, out, coveredMillis));
    }

    @Test
    void interfaceSeenOnlyThroughTelegrafIsDerivedThenNamedKeepingItsHistory() {
        for (int k = 0; k <= 3; k++) {
            poll(k);
        }

        // Seen only in counters: the directory lists it under its derived id, named by the device's ifName.
        InterfaceEntry derivedEntry = InterfaceEntry.newBuilder().setInterfaceId(DERIVED.toString())
                .setDevice(DEVICE).setIfIndex(2).setName("Te0/1").build();
        assertThat(directory().interfaces()).containsExactly(derivedEntry);
        assertThat(Directory.isDerived(derivedEntry)).isTrue();
        assertThat(directory().idOf(KEY)).isEqualTo(DERIVED);
        // Samples at 00:00:01, 00:01:01 and 00:02:01; the poll of 00:03 waits for the device's next record.
        List<KeyValue<Instant, RateBucket>> beforeNaming = List.of(
                minute(0, 7_375_000, 1_843_750, 59_000),
                minute(60, 7_500_000, 1_875_000, 60_000),
                minute(120, 125_000, 31_250, 1_000));
        assertThat(minutesOf(DERIVED)).isEqualTo(beforeNaming);

        rates.pipeInventory("interface:" + INVENTORY_ID, ("""
                {"type": "interface", "interface_id": "%s", "device": "192.0.2.1", "if_index": 2,
                 "name": "uplink-core1", "speed_bps": 10000000000}
                """.formatted(INVENTORY_ID)).getBytes(StandardCharsets.UTF_8), at(150));

        // Both ids resolve to the same interface; the inventory's is the one published from now on.
        InterfaceEntry named = InterfaceEntry.newBuilder().setInterfaceId(INVENTORY_ID.toString())
                .setDevice(DEVICE).setIfIndex(2).setName("uplink-core1").setSpeed(10_000_000_000L).build();
        assertThat(directory().interfaceById(INVENTORY_ID)).contains(named);
        assertThat(directory().interfaceById(DERIVED)).contains(derivedEntry);
        assertThat(directory().idOf(KEY)).isEqualTo(INVENTORY_ID);
        assertThat(directory().interfaces()).containsExactlyInAnyOrder(named, derivedEntry);
        // History kept: what was stored before the naming is found through the new id.
        assertThat(minutesOf(INVENTORY_ID)).isEqualTo(beforeNaming);

        poll(4);
        telegraf(DEVICE, TelegrafWire.CURRENT.uptime(DEVICE, at(300), 11_331_974L + 30_000L), at(300));

        // Samples at 00:03:01 and 00:04:01 extend the same history, whichever id asks.
        List<KeyValue<Instant, RateBucket>> afterNaming = List.of(
                minute(0, 7_375_000, 1_843_750, 59_000),
                minute(60, 7_500_000, 1_875_000, 60_000),
                minute(120, 7_500_000, 1_875_000, 60_000),
                minute(180, 7_500_000, 1_875_000, 60_000),
                minute(240, 125_000, 31_250, 1_000));
        assertThat(minutesOf(INVENTORY_ID)).isEqualTo(afterNaming);
        assertThat(minutesOf(DERIVED)).isEqualTo(afterNaming);
        assertThat(rates.count("counter-baseline", DEVICE)).as("announced once, never re-derived").isEqualTo(1.0);

        // Minute 00:04 ends at 00:05 and closes at 00:25 (20-minute grace): another device moves stream time.
        for (long second = 1_500; second <= 1_620; second += 60) {
            telegraf("192.0.2.254", TelegrafWire.CURRENT.ifTableRow("192.0.2.254", 1, "eth0", at(second), 0, 0),
                    at(second));
        }

        // Every minute closes after the naming, so every record carries the inventory id, measured before or after.
        assertThat(rates.interfaceRates().readValuesToList())
                .extracting(rate -> rate.getInterfaceId() + " " + rate.getWindowStart() + " " + rate.getInOctets()
                        + " " + rate.getInBitsPerSecond() + " " + rate.getOutBitsPerSecond())
                .containsExactly(
                        INVENTORY_ID + " 2026-01-01T00:00:00Z 7375000 1000000.0 250000.0",
                        INVENTORY_ID + " 2026-01-01T00:01:00Z 7500000 1000000.0 250000.0",
                        INVENTORY_ID + " 2026-01-01T00:02:00Z 7500000 1000000.0 250000.0",
                        INVENTORY_ID + " 2026-01-01T00:03:00Z 7500000 1000000.0 250000.0",
                        INVENTORY_ID + " 2026-01-01T00:04:00Z 125000 1000000.0 250000.0");
        assertThat(rates.interfaceRates().isEmpty()).isTrue();
    }
}
