package io.netpulse.topology.inputs.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.ip.IpTrafficHarness;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter's "not there" is the store's: it is used only while the directory has taken no write since it was
 * built, and a write sends every question to the store until the filter is built again, at most once per
 * {@link InventoryAddresses#REBUILD_INTERVAL}. The directory is the real global store of a topology; the test
 * counts its point reads and moves the version and the clock itself.
 */
class InventoryAddressesTest {

    private static final LocalDate CREATED = LocalDate.parse("2015-01-01");
    private static final String FOREIGN = "198.51.100.7";

    private IpTrafficHarness harness;
    private final DirectoryVersion version = new DirectoryVersion();
    private long nanos;
    private int reads;
    private boolean writeDuringTheNextScan;
    private InventoryAddresses addresses;
    private Directory directory;

    @BeforeEach
    void setUp() {
        harness = new IpTrafficHarness();
        addresses = new InventoryAddresses(version, () -> nanos);
        directory = Directory.of(new CountingReads(harness.driver.getKeyValueStore(StoreNames.DIRECTORY)));
        write("192.0.2.10");
        write("2001:db8::1");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void write(String address) {
        version.writing();
        harness.address(address, "acct-42", "srv-7", CREATED);
        version.written();
    }

    /** Whether the address is in the inventory, and how many point reads of the store answering it took. */
    private String ask(String address) {
        int before = reads;
        boolean contains = addresses.contains(directory, address);
        return contains + " after " + (reads - before) + " read(s)";
    }

    private void at(Duration sinceStart) {
        nanos = sinceStart.toNanos();
    }

    @Test
    void anAddressOfNoInventoryIsAnsweredWithoutARead() {
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");
        assertThat(ask("192.0.2.10")).isEqualTo("true after 1 read(s)");
        assertThat(ask("2001:db8::1")).isEqualTo("true after 1 read(s)");
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");
    }

    @Test
    void afterAWriteEveryQuestionGoesToTheStoreUntilTheFilterIsBuiltAgain() {
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");

        at(Duration.ofSeconds(10));
        write("203.0.113.5");
        assertThat(ask("203.0.113.5")).isEqualTo("true after 1 read(s)");
        at(Duration.ofSeconds(29));
        assertThat(ask(FOREIGN)).isEqualTo("false after 1 read(s)");

        // 30 s after the first build: the filter is built again, with the new address
        at(InventoryAddresses.REBUILD_INTERVAL);
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");
        assertThat(ask("203.0.113.5")).isEqualTo("true after 1 read(s)");
    }

    @Test
    void aRemovedAddressIsNotThereEvenBeforeTheFilterForgetsIt() {
        assertThat(ask("192.0.2.10")).isEqualTo("true after 1 read(s)");

        version.writing();
        harness.removeAddress("192.0.2.10");
        version.written();
        assertThat(ask("192.0.2.10")).isEqualTo("false after 1 read(s)");

        at(InventoryAddresses.REBUILD_INTERVAL);
        assertThat(ask("192.0.2.10")).isEqualTo("false after 0 read(s)");
        assertThat(ask("2001:db8::1")).isEqualTo("true after 1 read(s)");
    }

    @Test
    void aFilterBuiltWhileTheDirectoryTookAWriteIsNotUsed() {
        writeDuringTheNextScan = true;
        assertThat(ask(FOREIGN)).isEqualTo("false after 1 read(s)");
        assertThat(ask("203.0.113.5")).isEqualTo("true after 1 read(s)");

        at(InventoryAddresses.REBUILD_INTERVAL);
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");
    }

    @Test
    void noFilterIsBuiltWhileAWriteIsUnderWay() {
        version.writing();
        assertThat(ask(FOREIGN)).isEqualTo("false after 1 read(s)");
        version.written();
        assertThat(ask(FOREIGN)).isEqualTo("false after 0 read(s)");
    }

    /**
     * The global store, counting its point reads; scans are the filter's build and are not counted. When asked to,
     * the directory takes a write (203.0.113.5) just after a scan begins.
     */
    private final class CountingReads implements ReadOnlyKeyValueStore<String, InventoryEntry> {
        private final ReadOnlyKeyValueStore<String, InventoryEntry> store;

        CountingReads(ReadOnlyKeyValueStore<String, InventoryEntry> store) {
            this.store = store;
        }

        @Override
        public InventoryEntry get(String key) {
            reads++;
            return store.get(key);
        }

        @Override
        public KeyValueIterator<String, InventoryEntry> range(String from, String to) {
            KeyValueIterator<String, InventoryEntry> scan = store.range(from, to);
            if (writeDuringTheNextScan) {
                writeDuringTheNextScan = false;
                write("203.0.113.5");
            }
            return scan;
        }

        @Override
        public KeyValueIterator<String, InventoryEntry> all() {
            return store.all();
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }
    }
}
