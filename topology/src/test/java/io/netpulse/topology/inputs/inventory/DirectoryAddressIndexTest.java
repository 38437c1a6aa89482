package io.netpulse.topology.inputs.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.ip.IpTrafficHarness;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryAddressIndexTest {

    private static final LocalDate CREATED = LocalDate.parse("2015-01-01");

    private IpTrafficHarness harness;

    @BeforeEach
    void setUp() {
        harness = new IpTrafficHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Directory directory() {
        KeyValueStore<String, InventoryEntry> store = harness.driver.getKeyValueStore(StoreNames.DIRECTORY);
        return Directory.of(store);
    }

    @Test
    void accountAndServerExistWhileAnAddressBelongsToThem() {
        harness.address("192.0.2.10", "acct-42", "srv-7", CREATED);

        assertThat(directory().hasAccount("acct-42")).isTrue();
        assertThat(directory().hasServer("acct-42", "srv-7")).isTrue();
        assertThat(directory().hasAccount("acct-4")).isFalse();
        assertThat(directory().hasServer("acct-42", "srv-8")).isFalse();
        assertThat(directory().hasServer("acct-43", "srv-7")).isFalse();
        assertThat(harness.driver.<String, InventoryEntry>getKeyValueStore(StoreNames.DIRECTORY)
                .get("server:acct-42|srv-7|192.0.2.10")).isEqualTo(
                harness.driver.<String, InventoryEntry>getKeyValueStore(StoreNames.DIRECTORY).get("ip:192.0.2.10"));
    }

    @Test
    void movedOrDeletedAddressNoLongerCounts() {
        harness.address("192.0.2.10", "acct-42", "srv-7", CREATED);
        harness.address("192.0.2.20", "acct-42", "srv-7", CREATED);
        harness.address("192.0.2.10", "acct-42", "srv-8", CREATED);
        harness.removeAddress("192.0.2.20");

        // the index entries of srv-7 stay behind, but neither address is on srv-7 any more
        assertThat(directory().hasServer("acct-42", "srv-7")).isFalse();
        assertThat(directory().hasServer("acct-42", "srv-8")).isTrue();
        harness.address("192.0.2.10", "acct-43", "srv-8", CREATED);
        assertThat(directory().hasAccount("acct-42")).isFalse();
        assertThat(directory().hasAccount("acct-43")).isTrue();
    }

    @Test
    void idsWithTheSeparatorAreNotConfused() {
        // account "a|b" with server "c", and account "a" with server "b|c": one key text if not escaped
        harness.address("192.0.2.10", "a|b", "c", CREATED);

        assertThat(directory().hasServer("a|b", "c")).isTrue();
        assertThat(directory().hasAccount("a")).isFalse();
        assertThat(directory().hasServer("a", "b|c")).isFalse();
        assertThat(directory().hasAccount("a%7Cb")).isFalse();
    }
}
