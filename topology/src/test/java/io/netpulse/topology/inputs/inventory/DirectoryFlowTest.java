package io.netpulse.topology.inputs.inventory;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFlowTest {

    private static final UUID ID = UUID.fromString("9f9510bd-1234-5678-a7cf-f845a39e26db");
    private static final InterfaceKey EDGE_1_3 = new InterfaceKey("edge-1", 3);

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

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void name(UUID id, String device, int ifIndex, Long speed, Instant at) {
        rates.pipeInventory("interface:" + id, json("""
                {"type": "interface", "interface_id": "%s", "device": "%s", "if_index": %d, "name": "uplink",
                 "speed_bps": %s}
                """.formatted(id, device, ifIndex, speed)), at);
    }

    private KeyValueStore<String, InventoryEntry> store() {
        return rates.driver().getKeyValueStore(StoreNames.DIRECTORY);
    }

    private Directory directory() {
        return Directory.of(store());
    }

    private static InterfaceEntry named(UUID id, String device, int ifIndex, Long speed) {
        return InterfaceEntry.newBuilder().setInterfaceId(id.toString()).setDevice(device).setIfIndex(ifIndex)
                .setName("uplink").setSpeed(speed).build();
    }

    @Test
    void inventoryInterfaceIsFoundByIdAndByDeviceAndIfIndex() {
        name(ID, "edge-1", 3, 10_000_000_000L, T0);

        assertThat(store().get("interface:" + ID)).isEqualTo(new InventoryEntry(named(ID, "edge-1", 3, 10_000_000_000L)));
        assertThat(store().get("key:edge-1|3")).isEqualTo(new InventoryEntry(named(ID, "edge-1", 3, 10_000_000_000L)));
        assertThat(directory().interfaceById(ID)).contains(named(ID, "edge-1", 3, 10_000_000_000L));
        assertThat(directory().inventoryEntryOf(EDGE_1_3)).contains(named(ID, "edge-1", 3, 10_000_000_000L));
        assertThat(directory().idOf(EDGE_1_3)).isEqualTo(ID);
    }

    @Test
    void interfaceSeenOnlyInCountersGetsItsDerivedId() {
        rates.poll(sample("edge-1", 3, T0, 0L, 0, 0).setIfName("xe-0/0/3").build());

        UUID derived = EDGE_1_3.derivedId();
        assertThat(derived).isEqualTo(UUID.nameUUIDFromBytes(
                "netpulse:interface:edge-1|3".getBytes(StandardCharsets.UTF_8)));
        assertThat(directory().interfaceById(derived)).contains(InterfaceEntry.newBuilder()
                .setInterfaceId(derived.toString()).setDevice("edge-1").setIfIndex(3).setName("xe-0/0/3").build());
        assertThat(directory().idOf(EDGE_1_3)).isEqualTo(derived);
    }

    @Test
    void namingAnInterfaceKeepsItsDerivedIdAndPublishesTheInventoryId() {
        rates.poll(sample("edge-1", 3, T0, 0L, 0, 0).build());
        name(ID, "edge-1", 3, null, T0.plusSeconds(10));

        assertThat(directory().interfaceById(EDGE_1_3.derivedId())).map(InterfaceEntry::getDevice).contains("edge-1");
        assertThat(directory().interfaceById(ID)).contains(named(ID, "edge-1", 3, null));
        assertThat(directory().idOf(EDGE_1_3)).isEqualTo(ID);
    }

    @Test
    void deletedInterfaceBecomesUnknown() {
        name(ID, "edge-1", 3, null, T0);
        rates.pipeInventory("interface:" + ID, null, T0.plusSeconds(10));

        assertThat(directory().interfaceById(ID)).isEmpty();
        // The index entry stays behind but is no longer trusted.
        assertThat(store().get("key:edge-1|3")).isEqualTo(new InventoryEntry(named(ID, "edge-1", 3, null)));
        assertThat(directory().inventoryEntryOf(EDGE_1_3)).isEmpty();
        assertThat(directory().idOf(EDGE_1_3)).isEqualTo(EDGE_1_3.derivedId());
    }

    @Test
    void movedInterfaceIsOnlyFoundAtItsNewPlace() {
        name(ID, "edge-1", 3, null, T0);
        name(ID, "edge-1", 4, null, T0.plusSeconds(10));

        assertThat(directory().inventoryEntryOf(EDGE_1_3)).isEmpty();
        assertThat(directory().inventoryEntryOf(new InterfaceKey("edge-1", 4))).contains(named(ID, "edge-1", 4, null));
    }

    @Test
    void inventorySpeedIsTheFallbackWhenTheSampleHasNone() {
        name(ID, "edge-1", 3, 1_000_000L, T0);
        // ifSpeed 4294967295 says nothing: the inventory's 1 Mbit/s applies, and 7 500 008 octets in 60 s exceed it.
        rates.poll(sample("edge-1", 3, T0, 0L, 0, 0).setIfSpeed(4_294_967_295L).build());
        rates.poll(sample("edge-1", 3, T0.plusSeconds(60), 6_000L, 7_500_008, 0).setIfSpeed(4_294_967_295L).build());

        assertThat(rates.count("counter-over-speed", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void publishedRatesCarryTheInventoryId() {
        name(ID, "edge-1", 3, null, T0);
        rates.poll(sample("edge-1", 3, T0, 0L, 0, 0).build());
        rates.poll(sample("edge-1", 3, T0.plusSeconds(60), 6_000L, 7_500_000, 0).build());
        // Another device moves stream time to 00:21, when minute 00:00 closes.
        rates.poll(sample("clock", 1, T0.plusSeconds(1_260), null, 0, 0).build());
        rates.poll(sample("clock", 1, T0.plusSeconds(1_320), null, 0, 0).build());

        assertThat(rates.interfaceRates().readValuesToList())
                .extracting(rate -> rate.getInterfaceId() + " " + rate.getWindowStart() + " " + rate.getInBitsPerSecond())
                .containsExactly(ID + " 2026-01-01T00:00:00Z 1000000.0");
    }

    @Test
    void addressesAreKeptInCanonicalForm() {
        rates.pipeInventory("ip:2001:DB8::0:1", json("""
                {"type": "ip", "address": "2001:db8:0:0::1", "account_id": "acct-42", "server_id": "srv-7",
                 "server_created": "2024-05-01"}
                """), T0);

        assertThat(directory().address("2001:db8::1")).contains(AddressEntry.newBuilder().setAddress("2001:db8::1")
                .setAccountId("acct-42").setServerId("srv-7").setServerCreated(LocalDate.of(2024, 5, 1)).build());
    }

    @Test
    void invalidInventoryRecordGoesToTheDeadLetterTopic() {
        rates.pipeInventory("interface:" + ID, json("{\"type\": \"interface\"}"), T0);

        assertThat(rates.deadLetters().readRecordsToList())
                .extracting(record -> new String(record.headers().lastHeader("__streams.errors.message").value(),
                        StandardCharsets.UTF_8))
                .containsExactly("interface_id is missing");
        assertThat(directory().interfaceById(ID)).isEqualTo(Optional.empty());
    }
}
