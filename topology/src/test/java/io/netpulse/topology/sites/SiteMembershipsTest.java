package io.netpulse.topology.sites;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.topology.StoreNames;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time rules of the interface-to-site table through the whole topology: the earliest version of a device|ifIndex
 * also covers the traffic before its timestamp, later versions apply from theirs. Every test reads the inventory
 * before the counters, the order in which a stream-table join can attribute them. edge-1|1 carries 1000 bytes in and
 * 10 out per minute, polled every minute from 00:00, so each interval [60k, 60k + 60] fills minute k and is
 * attributed by the inventory as it stood at 60k + 60.
 */
class SiteMembershipsTest {

    private static final String SITE_A = "aaaaaaaa-0000-4000-8000-00000000000a";
    private static final String SITE_B = "bbbbbbbb-0000-4000-8000-00000000000b";
    private static final String UNASSIGNED = SiteVolumeFlow.UNASSIGNED_SITE;
    private static final String UPLINK_1 = "10000000-0000-4000-8000-000000000001";
    private static final String UPLINK_3 = "10000000-0000-4000-8000-000000000003";
    private static final SiteBytes MINUTE = new SiteBytes(1_000, 10);

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

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Names edge-1|1 as inventory entry {@code id} in {@code site}, written at {@code when}. */
    private void inventory(String id, String site, Instant when) {
        rates.pipeInventory("interface:" + id, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "edge-1", "if_index": 1}
                """.formatted(id, site).getBytes(StandardCharsets.UTF_8), when);
    }

    private void delete(String id, Instant when) {
        rates.pipeInventory("interface:" + id, null, when);
    }

    /** Polls edge-1|1 every minute from 00:00 to {@code lastSecond}, 1000 bytes in and 10 out per minute. */
    private void pollEveryMinuteUntil(long lastSecond) {
        for (long second = 0; second <= lastSecond; second += 60) {
            long minutes = second / 60;
            rates.poll(sample("edge-1", 1, at(second), second * 100, 1_000 * minutes, 10 * minutes).build());
        }
    }

    /** Every minute window of {@code site}, by window start. */
    private Map<Instant, SiteBytes> minutes(String site) {
        WindowStore<String, ValueAndTimestamp<SiteBytes>> store =
                rates.driver().getTimestampedWindowStore(StoreNames.SITE_VOLUME_MINUTE);
        Map<Instant, SiteBytes> windows = new TreeMap<>();
        try (WindowStoreIterator<ValueAndTimestamp<SiteBytes>> iterator =
                     store.fetch(site, at(-86_400), at(86_400))) {
            iterator.forEachRemaining(window -> windows.put(Instant.ofEpochMilli(window.key), window.value.value()));
        }
        return windows;
    }

    @Test
    void theFirstVersionAlsoCoversTheTrafficBeforeItsTimestamp() {
        // Written ten minutes after the counters it describes (a new deployment, a backfill), read before them.
        inventory(UPLINK_1, SITE_A, at(600));
        pollEveryMinuteUntil(120);

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), MINUTE), Map.entry(at(60), MINUTE));
        assertThat(minutes(UNASSIGNED)).isEmpty();
    }

    @Test
    void aLaterVersionAppliesFromItsOwnTimestamp() {
        inventory(UPLINK_1, SITE_A, at(150));
        inventory(UPLINK_1, SITE_B, at(270)); // moved to site B at 00:04:30
        pollEveryMinuteUntil(360);

        // Intervals ending at 01:00 and 02:00 take the first version from before its 02:30, those ending at 03:00
        // and 04:00 take it from its own time; those ending at 05:00 and 06:00 see the move.
        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), MINUTE), Map.entry(at(60), MINUTE),
                Map.entry(at(120), MINUTE), Map.entry(at(180), MINUTE));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(240), MINUTE), Map.entry(at(300), MINUTE));
        assertThat(minutes(UNASSIGNED)).isEmpty();
    }

    @Test
    void aDeletedInterfaceNamedAgainKeepsItsFirstVersionAsTheEarliest() {
        inventory(UPLINK_1, SITE_A, at(150));
        delete(UPLINK_1, at(270));
        inventory(UPLINK_3, SITE_B, at(390)); // another entry names edge-1|1 again, in site B
        pollEveryMinuteUntil(480);

        // Ending at 01:00..04:00: site A (before and after its 02:30); 05:00 and 06:00: deleted, no site;
        // 07:00 and 08:00: site B, which does not reach back before its own 06:30.
        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), MINUTE), Map.entry(at(60), MINUTE),
                Map.entry(at(120), MINUTE), Map.entry(at(180), MINUTE));
        assertThat(minutes(UNASSIGNED)).containsExactly(Map.entry(at(240), MINUTE), Map.entry(at(300), MINUTE));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(360), MINUTE), Map.entry(at(420), MINUTE));
    }

    @ParameterizedTest(name = "read in order of timestamp: {0}")
    @ValueSource(booleans = {true, false})
    void theEarliestVersionIsTheEarliestByTimestampWhicheverIsReadFirst(boolean inOrder) {
        // A replacement entry (site B from 04:30) and the original (site A from 02:30) of one interface, as two
        // inventory partitions may deliver them.
        if (inOrder) {
            inventory(UPLINK_1, SITE_A, at(150));
            inventory(UPLINK_3, SITE_B, at(270));
        } else {
            inventory(UPLINK_3, SITE_B, at(270));
            inventory(UPLINK_1, SITE_A, at(150));
        }
        pollEveryMinuteUntil(360);

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), MINUTE), Map.entry(at(60), MINUTE),
                Map.entry(at(120), MINUTE), Map.entry(at(180), MINUTE));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(240), MINUTE), Map.entry(at(300), MINUTE));
        assertThat(rates.count("site-interface-conflict", "edge-1")).isEqualTo(1.0);
    }
}
