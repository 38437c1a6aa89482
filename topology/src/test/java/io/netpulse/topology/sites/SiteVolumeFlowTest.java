package io.netpulse.topology.sites;

import static io.netpulse.testkit.OutputTopics.assertEmpty;
import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netpulse.schema.aggregate.SiteVolume;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Site volumes end to end on TopologyTestDriver: inventory JSON records to {@code netpulse.inventory}, framed Avro
 * counter samples to {@code netpulse.counters}, site stores and {@code netpulse.site-volume} read back. Every
 * expected byte count is worked out in the test from the counter values piped.
 */
class SiteVolumeFlowTest {

    private static final String SITE_A = "aaaaaaaa-0000-4000-8000-00000000000a";
    private static final String SITE_B = "bbbbbbbb-0000-4000-8000-00000000000b";
    private static final String UNASSIGNED = SiteVolumeFlow.UNASSIGNED_SITE;
    /** edge-1|1, in site A. */
    private static final String UPLINK_1 = "10000000-0000-4000-8000-000000000001";
    /** edge-1|2, in site A. */
    private static final String UPLINK_2 = "10000000-0000-4000-8000-000000000002";
    /** edge-2|1, in site B. */
    private static final String UPLINK_3 = "10000000-0000-4000-8000-000000000003";
    private static final long TWO_POW_32 = 4_294_967_296L;

    @TempDir
    Path stateDir;
    private RatesTestDriver rates;
    private TestOutputTopic<String, SiteVolume> siteVolume;

    @BeforeEach
    void start() {
        rates = new RatesTestDriver(stateDir);
        siteVolume = rates.driver().createOutputTopic(rates.topics().siteVolume().name(),
                rates.topics().siteVolume().keySerde().deserializer(),
                rates.topics().siteVolume().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        rates.close();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Names {@code device|ifIndex} as inventory entry {@code id} in {@code site} (null for none) at {@code when}. */
    private void inventory(String id, String site, String device, int ifIndex, boolean counted, Instant when) {
        String siteField = site == null ? "null" : "\"" + site + "\"";
        rates.pipeInventory("interface:" + id, """
                {"type": "interface", "interface_id": "%s", "site_id": %s, "device": "%s", "if_index": %d,
                 "count_in_site_volume": %s}
                """.formatted(id, siteField, device, ifIndex, counted).getBytes(StandardCharsets.UTF_8), when);
    }

    private void inventory(String id, String site, String device, int ifIndex, Instant when) {
        inventory(id, site, device, ifIndex, true, when);
    }

    private void delete(String id, Instant when) {
        rates.pipeInventory("interface:" + id, null, when);
    }

    /** A 64-bit poll of {@code device|ifIndex}, sysUpTime running since T0. */
    private void poll(String device, int ifIndex, long seconds, long in, long out) {
        rates.poll(sample(device, ifIndex, at(seconds), seconds * 100, in, out).build());
    }

    /** Every window of {@code site} in {@code storeName}, by window start. */
    private Map<Instant, SiteBytes> windows(String storeName, String site) {
        WindowStore<String, ValueAndTimestamp<SiteBytes>> store = rates.driver().getTimestampedWindowStore(storeName);
        Map<Instant, SiteBytes> windows = new TreeMap<>();
        try (WindowStoreIterator<ValueAndTimestamp<SiteBytes>> iterator =
                     store.fetch(site, at(-86_400), at(86_400))) {
            iterator.forEachRemaining(window -> windows.put(Instant.ofEpochMilli(window.key), window.value.value()));
        }
        return windows;
    }

    private Map<Instant, SiteBytes> minutes(String site) {
        return windows(StoreNames.SITE_VOLUME_MINUTE, site);
    }

    private Map<Instant, SiteBytes> hours(String site) {
        return windows(StoreNames.SITE_VOLUME_HOUR, site);
    }

    private static SiteBytes bytes(long in, long out) {
        return new SiteBytes(in, out);
    }

    @Test
    void twoSitesThreeInterfacesAcrossMinuteBoundaries() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_2, SITE_A, "edge-1", 2, T0);
        inventory(UPLINK_3, SITE_B, "edge-2", 1, T0);
        // edge-1|1: 6000 in / 600 out in each of minutes 00:00 and 00:01.
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 6_000, 600);
        poll("edge-1", 1, 120, 12_000, 1_200);
        // edge-1|2: 1200 in / 300 out from 00:00:30 to 00:01:30, half in each minute: 600 / 150.
        poll("edge-1", 2, 30, 0, 0);
        poll("edge-1", 2, 90, 1_200, 300);
        // edge-2|1: 5000 in during minute 00:00.
        poll("edge-2", 1, 0, 0, 0);
        poll("edge-2", 1, 60, 5_000, 0);

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(6_000 + 600, 600 + 150)),
                Map.entry(at(60), bytes(6_000 + 600, 600 + 150)));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(0), bytes(5_000, 0)));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(13_200, 1_500)));
        assertThat(hours(SITE_B)).containsExactly(Map.entry(at(0), bytes(5_000, 0)));
        assertThat(minutes(UNASSIGNED)).isEmpty();
    }

    /** The site list of the task: each site with the first minute it had. */
    private Map<String, Instant> listedSites() {
        Map<String, Instant> listed = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = rates.driver().<String, Long>getKeyValueStore(
                StoreNames.SITE_VOLUME_SITES).all()) {
            all.forEachRemaining(site -> listed.put(site.key, Instant.ofEpochMilli(site.value)));
        }
        return listed;
    }

    @Test
    void everySiteWithAWindowIsListedOnceWithItsFirstMinuteTheUnassignedSiteToo() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_3, SITE_B, "edge-2", 1, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 6_000, 600);
        poll("edge-2", 9, 60, 0, 0);
        poll("edge-2", 9, 120, 100, 0);
        poll("edge-2", 1, 120, 0, 0);
        poll("edge-2", 1, 180, 5_000, 0);
        poll("edge-1", 1, 240, 12_000, 1_200);

        // A from its first minute (00:00), the unassigned site from 00:01 (edge-2|9 has no site), B from 00:02;
        // A's later minutes (00:01 to 00:03) list nothing more.
        assertThat(listedSites()).containsExactly(
                Map.entry(UNASSIGNED, at(60)), Map.entry(SITE_A, at(0)), Map.entry(SITE_B, at(120)));
    }

    @Test
    void stateWrittenBeforeTheSiteListHasItsSitesListedFromTheHourStoreAtTheFirstRecord() {
        // Hours written before the list existed: site B at 22:00 and 23:00 the day before, A at 23:00.
        var hours = rates.driver().<String, SiteBytes>getTimestampedWindowStore(StoreNames.SITE_VOLUME_HOUR);
        hours.put(SITE_B, ValueAndTimestamp.make(bytes(10, 1), at(-7_200).toEpochMilli()), at(-7_200).toEpochMilli());
        hours.put(SITE_B, ValueAndTimestamp.make(bytes(20, 2), at(-3_600).toEpochMilli()), at(-3_600).toEpochMilli());
        hours.put(SITE_A, ValueAndTimestamp.make(bytes(30, 3), at(-3_600).toEpochMilli()), at(-3_600).toEpochMilli());
        assertThat(listedSites()).isEmpty();

        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 6_000, 600);

        // Each site once, from its first hour in the store; A, which also had a share now, keeps its first hour.
        assertThat(listedSites()).containsExactly(
                Map.entry(SITE_A, at(-3_600)), Map.entry(SITE_B, at(-7_200)));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(-3_600), bytes(30, 3)),
                Map.entry(at(0), bytes(6_000, 600)));
    }

    @Test
    void fiveMinutePollIsSpreadInWholeBytesThatAddUpExactly() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        // 00:01:30 -> 00:06:30 covers 30 s of 00:01, all of 00:02..00:05 and 30 s of 00:06: weights 1:2:2:2:2:1.
        poll("edge-1", 1, 90, 0, 0);
        poll("edge-1", 1, 390, 1_001, 7);

        // In 1001: exact shares 100.1, 200.2 x4, 100.1 -> floors 100, 200 x4, 100 (1000); the one byte left goes
        // to the largest remainder, 0.2 of 00:02 (the earliest of four equal ones).
        // Out 7: exact 0.7, 1.4 x4, 0.7 -> floors 0, 1 x4, 0 (4); three bytes left: 0.7 of 00:01, 0.7 of 00:06,
        // then 0.4 of 00:02.
        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(60), bytes(100, 1)),
                Map.entry(at(120), bytes(201, 2)),
                Map.entry(at(180), bytes(200, 1)),
                Map.entry(at(240), bytes(200, 1)),
                Map.entry(at(300), bytes(200, 1)),
                Map.entry(at(360), bytes(100, 1)));
        assertThat(minutes(SITE_A).values().stream().reduce(SiteBytes.ZERO, SiteBytes::plus))
                .isEqualTo(bytes(1_001, 7));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(1_001, 7)));
    }

    @Test
    void counterWrapCountsAndRebootLosesOnlyItsInterval() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        // 32-bit counter: 2^32 - 1000 -> 500 wrapped, 1500 bytes in minute 00:00.
        rates.poll(sample("edge-1", 1, at(0), 0L, TWO_POW_32 - 1_000, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-1", 1, at(60), 6_000L, 500, 0).setCounterWidth(32).build());
        // Rebooted at about 00:01:30 (sysUpTime 30 s at 00:02): nothing is known of minute 00:01.
        rates.poll(sample("edge-1", 1, at(120), 3_000L, 100, 0).setCounterWidth(32).build());
        // From the new baseline: 900 bytes in minute 00:02.
        rates.poll(sample("edge-1", 1, at(180), 9_000L, 1_000, 0).setCounterWidth(32).build());

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(1_500, 0)),
                Map.entry(at(120), bytes(900, 0)));
        assertThat(rates.count("counter-wrap", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-reboot", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void interfaceMovedMidRangeCountsForTheNewSiteFromTheFirstPollAfterTheMove() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        poll("edge-1", 1, 120, 2_000, 20);
        inventory(UPLINK_1, SITE_B, "edge-1", 1, at(150));
        // The interval 00:02 -> 00:03 ends after the move: the poll at 00:03 sees site B.
        poll("edge-1", 1, 180, 3_000, 30);
        poll("edge-1", 1, 240, 4_000, 40);

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(1_000, 10)),
                Map.entry(at(60), bytes(1_000, 10)));
        assertThat(minutes(SITE_B)).containsExactly(
                Map.entry(at(120), bytes(1_000, 10)),
                Map.entry(at(180), bytes(1_000, 10)));
    }

    @Test
    void replayJoinsEachPollWithTheInventoryOfItsTimeNotTheLatest() {
        // The whole inventory history is read before the counters, as after a restart from the beginning.
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_1, SITE_B, "edge-1", 1, at(150));
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        poll("edge-1", 1, 120, 2_000, 20);
        poll("edge-1", 1, 180, 3_000, 30);
        poll("edge-1", 1, 240, 4_000, 40);

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(1_000, 10)),
                Map.entry(at(60), bytes(1_000, 10)));
        assertThat(minutes(SITE_B)).containsExactly(
                Map.entry(at(120), bytes(1_000, 10)),
                Map.entry(at(180), bytes(1_000, 10)));
    }

    @Test
    void interfaceNotCountedInSiteVolumeIsSkippedAndCounted() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_2, SITE_A, "edge-1", 2, false, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 100);
        // A downlink of the same site: 3000 in / 1000 out the uplink already carried.
        poll("edge-1", 2, 0, 0, 0);
        poll("edge-1", 2, 60, 3_000, 1_000);

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), bytes(1_000, 100)));
        assertThat(minutes(UNASSIGNED)).isEmpty();
        assertThat(rates.count("site-volume-excluded-octets", "edge-1")).isEqualTo(4_000.0);
        assertThat(rates.count("site-volume-excluded-octets", "all")).isEqualTo(4_000.0);
        assertThat(rates.count("site-volume-unassigned-octets", "all")).isEqualTo(0.0);
    }

    @Test
    void interfaceWithoutSiteCountsUnderTheUnassignedSiteAndInBytesPerDevice() {
        // edge-3|1 is in the inventory without a site; edge-4|1 is not in the inventory at all.
        inventory(UPLINK_1, null, "edge-3", 1, T0);
        poll("edge-3", 1, 0, 0, 0);
        poll("edge-3", 1, 60, 2_000, 200);
        poll("edge-4", 1, 0, 0, 0);
        poll("edge-4", 1, 60, 500, 50);

        assertThat(minutes(UNASSIGNED)).containsExactly(Map.entry(at(0), bytes(2_500, 250)));
        assertThat(rates.count("site-volume-unassigned-octets", "edge-3")).isEqualTo(2_200.0);
        assertThat(rates.count("site-volume-unassigned-octets", "edge-4")).isEqualTo(550.0);
        assertThat(rates.count("site-volume-unassigned-octets", "all")).isEqualTo(2_750.0);
    }

    @Test
    void deletedOrRenumberedEntryReleasesItsOldInterface() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_2, SITE_B, "edge-2", 1, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-2", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 0);
        poll("edge-2", 1, 60, 2_000, 0);
        // Uplink 1 is re-cabled to edge-1|5; uplink 2 is deleted.
        inventory(UPLINK_1, SITE_A, "edge-1", 5, at(90));
        delete(UPLINK_2, at(90));
        poll("edge-1", 1, 120, 1_100, 0);
        poll("edge-2", 1, 120, 2_200, 0);
        poll("edge-1", 5, 60, 0, 0);
        poll("edge-1", 5, 120, 700, 0);

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), bytes(1_000, 0)), Map.entry(at(60), bytes(700, 0)));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(0), bytes(2_000, 0)));
        // edge-1|1 (100) and edge-2|1 (200) no longer belong to anything in minute 00:01.
        assertThat(minutes(UNASSIGNED)).containsExactly(Map.entry(at(60), bytes(300, 0)));
    }

    @Test
    void replacementEntryWrittenBeforeTheOldOneIsDeletedKeepsTheInterface() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        // The operator adds the replacement first (same device|ifIndex, now in site B), then deletes the old entry.
        inventory(UPLINK_3, SITE_B, "edge-1", 1, at(10));
        delete(UPLINK_1, at(20));
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);

        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(0), bytes(1_000, 10)));
        assertThat(minutes(UNASSIGNED)).isEmpty();
        assertThat(rates.count("site-interface-conflict", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void inventoryEntryOlderThanTheHistoryRetentionStillAssigns() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        // A compacted topic read from the start: another partition's entry, written 30 days ago, arrives after a
        // recent one. The history keeps 7 days; the entry counts from the oldest time it still holds.
        inventory(UPLINK_3, SITE_B, "edge-2", 1, T0.minus(Duration.ofDays(30)));
        poll("edge-2", 1, 0, 0, 0);
        poll("edge-2", 1, 60, 5_000, 50);

        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(0), bytes(5_000, 50)));
    }

    @Test
    void fiveMinuteWindowsAddUpTheSameBytesAsTheirMinutes() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        // one poll a minute, 00:00..00:07, 1 000 bytes in and 100 out a minute
        for (int minute = 0; minute <= 7; minute++) {
            poll("edge-1", 1, minute * 60L, minute * 1_000L, minute * 100L);
        }

        assertThat(windows(StoreNames.SITE_VOLUME_FIVE_MINUTE, SITE_A)).containsExactly(
                Map.entry(at(0), bytes(5_000, 500)),
                Map.entry(at(300), bytes(2_000, 200)));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(7_000, 700)));
    }

    @Test
    void aTakeBackOfAMinuteTheSiteDoesNotHoldTakesNothingFromItsFiveMinutesOrHour() {
        TestInputTopic<String, SiteShare> shares = rates.driver().createInputTopic(
                "netpulse-test-" + SiteVolumeFlow.REPARTITION + "-repartition",
                Serdes.String().serializer(), SiteShare.serde().serializer());
        shares.pipeInput(SITE_A, new SiteShare("edge-1", T0.toEpochMilli(), 1_000, 10), at(60));
        // Minute 00:01 holds nothing of site A: a take-back of it (bytes that went to another site) finds nothing
        // there, so neither the five minutes nor the hour of 00:00 lose its 400 / 4.
        shares.pipeInput(SITE_A, new SiteShare("edge-1", at(60).toEpochMilli(), -400, -4), at(120));
        // A take-back of a minute the site holds applies to all three.
        shares.pipeInput(SITE_A, new SiteShare("edge-1", T0.toEpochMilli(), -300, -3), at(120));

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), bytes(700, 7)));
        assertThat(windows(StoreNames.SITE_VOLUME_FIVE_MINUTE, SITE_A)).containsExactly(
                Map.entry(at(0), bytes(700, 7)));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(700, 7)));
    }

    @Test
    void twoDevicesThirtyMinutesApartCountInFull() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_3, SITE_A, "edge-2", 1, T0);
        // edge-1 is read up to 00:31 first; edge-2's backlog from 00:00 comes after it, a poll a minute
        poll("edge-1", 1, 30 * 60, 0, 0);
        poll("edge-1", 1, 31 * 60, 1_000, 100);
        for (int minute = 0; minute <= 3; minute++) {
            poll("edge-2", 1, minute * 60L, minute * 2_000L, minute * 200L);
        }

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(2_000, 200)),
                Map.entry(at(60), bytes(2_000, 200)),
                Map.entry(at(120), bytes(2_000, 200)),
                Map.entry(at(30 * 60), bytes(1_000, 100)));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(7_000, 700)));
        assertThat(rates.count("counter-samples-late", "all")).isEqualTo(0.0);
    }

    @Test
    void closedMinutesGoToTheSiteVolumeTopicOnce() {
        inventory(UPLINK_1, SITE_A, "edge-1", 1, T0);
        inventory(UPLINK_3, SITE_B, "edge-2", 1, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 120, 1_200, 120);
        poll("edge-2", 1, 0, 0, 0);
        poll("edge-2", 1, 60, 5_000, 0);
        // Grace is 15 min gap + 5 min lateness: nothing is final before both devices' clocks are past 00:21.
        assertEmpty(siteVolume);

        // A device with no site polls at 00:22 and 00:23 (the test's wall clock follows the polls): edge-1 and
        // edge-2, silent for 20 minutes by the wall clock, are quiet and hold nothing back; the clock device's
        // 00:23 less the grace closes minutes up to 00:03.
        poll("clock", 1, 22 * 60, 0, 0);
        poll("clock", 1, 23 * 60, 60, 0);

        // Minutes 00:00 and 00:01 close, in end then site order; the clock's minute 00:22 (unassigned) stays open.
        assertExactly(siteVolume, 
                KeyValue.pair(SITE_A, volume(SITE_A, at(0), 600, 60)),
                KeyValue.pair(SITE_B, volume(SITE_B, at(0), 5_000, 0)),
                KeyValue.pair(SITE_A, volume(SITE_A, at(60), 600, 60)));
        assertThat(siteVolume.isEmpty()).isTrue();
    }

    private static SiteVolume volume(String site, Instant start, long in, long out) {
        return new SiteVolume(site, start, start.plusSeconds(60), in, out);
    }

    @Test
    void firstVersionReadAfterTheCountersMovesTheirMinutesFromUnassignedToItsSite() {
        inventory(UPLINK_2, SITE_B, "edge-1", 2, T0);
        // edge-1|1, not in the inventory yet. 00:00 -> 00:01: 1000 in / 10 out in minute 00:00. 00:01 -> 00:02:30:
        // 1500 / 30 over 90 s, 60 s (1000 / 20) in 00:01 and 30 s (500 / 10) in 00:02. 00:02:30 -> 00:03: 600 / 6,
        // in 00:02, which holds 1100 / 16.
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 2, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        poll("edge-1", 2, 60, 400, 40); // edge-1|2, in site B: 400 / 40 in 00:00
        poll("edge-1", 1, 150, 2_500, 40);
        poll("edge-1", 1, 180, 3_100, 46);
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), bytes(1_000, 10)),
                Map.entry(at(60), bytes(1_000, 20)),
                Map.entry(at(120), bytes(1_100, 16)));
        assertThat(rates.count("site-volume-unassigned-octets", "edge-1")).isEqualTo(3_146.0);

        // Written at 00:23. Reaching it, the wall clock finds edge-1 quiet for 20 minutes: every minute closes as it
        // stood. Then the entry moves them.
        inventory(UPLINK_1, SITE_A, "edge-1", 1, at(23 * 60));
        assertExactly(siteVolume, 
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(0), 1_000, 10)),
                KeyValue.pair(SITE_B, volume(SITE_B, at(0), 400, 40)),
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(60), 1_000, 20)),
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(120), 1_100, 16)));
        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(1_000, 10)),
                Map.entry(at(60), bytes(1_000, 20)),
                Map.entry(at(120), bytes(1_100, 16)));
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), SiteBytes.ZERO),
                Map.entry(at(60), SiteBytes.ZERO),
                Map.entry(at(120), SiteBytes.ZERO));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(3_100, 46)));
        assertThat(hours(UNASSIGNED)).containsExactly(Map.entry(at(0), SiteBytes.ZERO));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(0), bytes(400, 40)));
        assertThat(hours(SITE_B)).containsExactly(Map.entry(at(0), bytes(400, 40)));
        assertThat(rates.count("site-volume-unassigned-octets", "edge-1")).isEqualTo(0.0);
        assertThat(rates.count("site-volume-unassigned-octets", "all")).isEqualTo(0.0);

        // The moved shares count as edge-1 heard from at 00:23; a baseline poll of another device at 00:43 finds it
        // quiet again, and the changed minutes close once more with their new values, the unassigned site's as 0.
        poll("edge-9", 1, 43 * 60, 0, 0);
        assertExactly(siteVolume, 
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(0), 0, 0)),
                KeyValue.pair(SITE_A, volume(SITE_A, at(0), 1_000, 10)),
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(60), 0, 0)),
                KeyValue.pair(SITE_A, volume(SITE_A, at(60), 1_000, 20)),
                KeyValue.pair(UNASSIGNED, volume(UNASSIGNED, at(120), 0, 0)),
                KeyValue.pair(SITE_A, volume(SITE_A, at(120), 1_100, 16)));
        assertThat(siteVolume.isEmpty()).isTrue();
    }

    @Test
    void movedSharesAreStampedWithTheDevicesLatestIntervalEnd() {
        TestOutputTopic<String, SiteShare> shares = rates.driver().createOutputTopic(
                "netpulse-test-" + SiteVolumeFlow.REPARTITION + "-repartition",
                Serdes.String().deserializer(), SiteShare.serde().deserializer());
        inventory(UPLINK_2, SITE_B, "edge-1", 2, T0);
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        // edge-1's latest interval ends at 00:03, on another interface.
        for (long second = 0; second <= 180; second += 60) {
            poll("edge-1", 2, second, second, 0);
        }
        shares.readRecordsToList();

        // Neither the entry's own 00:10 nor edge-1|1's last poll, 00:01.
        inventory(UPLINK_1, SITE_A, "edge-1", 1, at(600));
        assertThat(shares.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(UNASSIGNED, new SiteShare("edge-1", T0.toEpochMilli(), -1_000, -10), at(180)),
                        tuple(SITE_A, new SiteShare("edge-1", T0.toEpochMilli(), 1_000, 10), at(180)));
    }

    @Test
    void firstVersionThatExcludesTheInterfaceTakesItsMinutesOutOfUnassignedOnly() {
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        poll("edge-1", 1, 120, 3_000, 30);
        assertThat(rates.count("site-volume-unassigned-octets", "edge-1")).isEqualTo(3_030.0);

        inventory(UPLINK_1, SITE_A, "edge-1", 1, false, at(150));
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), SiteBytes.ZERO),
                Map.entry(at(60), SiteBytes.ZERO));
        assertThat(hours(UNASSIGNED)).containsExactly(Map.entry(at(0), SiteBytes.ZERO));
        assertThat(minutes(SITE_A)).isEmpty();
        assertThat(rates.count("site-volume-unassigned-octets", "edge-1")).isEqualTo(0.0);
        assertThat(rates.count("site-volume-excluded-octets", "edge-1")).isEqualTo(3_030.0);

        // From then on, excluded by the join: 3000 / 30 more.
        poll("edge-1", 1, 180, 6_000, 60);
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), SiteBytes.ZERO),
                Map.entry(at(60), SiteBytes.ZERO));
        assertThat(minutes(SITE_A)).isEmpty();
        assertThat(rates.count("site-volume-excluded-octets", "edge-1")).isEqualTo(6_060.0);
        assertThat(rates.count("site-volume-excluded-octets", "all")).isEqualTo(6_060.0);
        assertThat(rates.count("site-volume-unassigned-octets", "all")).isEqualTo(0.0);
    }

    @Test
    void trafficAttributedAfterTheMovedFirstVersionStaysAndALaterMoveAppliesFromItsTimestamp() {
        // 1000 in / 10 out per minute.
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        poll("edge-1", 1, 120, 2_000, 20);
        inventory(UPLINK_1, SITE_A, "edge-1", 1, at(150)); // moves 00:00 and 00:01
        poll("edge-1", 1, 180, 3_000, 30); // ends after the entry: site A by the join, 00:02
        inventory(UPLINK_1, SITE_B, "edge-1", 1, at(210)); // a move: not a first version, moves nothing
        poll("edge-1", 1, 240, 4_000, 40); // ends after the move: site B, 00:03

        assertThat(minutes(SITE_A)).containsExactly(
                Map.entry(at(0), bytes(1_000, 10)),
                Map.entry(at(60), bytes(1_000, 10)),
                Map.entry(at(120), bytes(1_000, 10)));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(180), bytes(1_000, 10)));
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), SiteBytes.ZERO),
                Map.entry(at(60), SiteBytes.ZERO));
        assertThat(hours(SITE_A)).containsExactly(Map.entry(at(0), bytes(3_000, 30)));
        assertThat(hours(SITE_B)).containsExactly(Map.entry(at(0), bytes(1_000, 10)));
        assertThat(hours(UNASSIGNED)).containsExactly(Map.entry(at(0), SiteBytes.ZERO));
    }

    @Test
    void aKeyNamedAgainAfterADeleteIsNotAFirstVersionAndMovesNothing() {
        poll("edge-1", 1, 0, 0, 0);
        poll("edge-1", 1, 60, 1_000, 10);
        inventory(UPLINK_1, SITE_A, "edge-1", 1, at(90)); // the first version: moves 00:00
        delete(UPLINK_1, at(100));
        poll("edge-1", 1, 120, 2_000, 20); // ends after the delete: unassigned, 00:01
        inventory(UPLINK_3, SITE_B, "edge-1", 1, at(150)); // named again, from its own time only
        poll("edge-1", 1, 180, 3_000, 30); // site B, 00:02

        assertThat(minutes(SITE_A)).containsExactly(Map.entry(at(0), bytes(1_000, 10)));
        assertThat(minutes(UNASSIGNED)).containsExactly(
                Map.entry(at(0), SiteBytes.ZERO),
                Map.entry(at(60), bytes(1_000, 10)));
        assertThat(minutes(SITE_B)).containsExactly(Map.entry(at(120), bytes(1_000, 10)));
        assertThat(rates.count("site-volume-unassigned-octets", "edge-1")).isEqualTo(1_010.0);
    }

    @Test
    void reattributionReadsTheRatesStoresInTheirSubtopology() {
        TopologyDescription description = NetpulseTopology.build(TopologySettings.defaults(), rates.serdes())
                .describe();
        Map<String, Integer> subtopologyOf = new TreeMap<>();
        Map<String, Set<String>> storesOf = new TreeMap<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            subtopologyOf.put(node.name(), subtopology.id());
            if (node instanceof TopologyDescription.Processor processor) {
                storesOf.put(processor.name(), processor.stores());
            }
        }));

        assertThat(storesOf.get("site-volume-reattribute"))
                .containsExactlyInAnyOrder(StoreNames.INTERFACE_RATES_MINUTE, StoreNames.INTERFACE_RATES_SOURCE_TIME);
        assertThat(subtopologyOf.get("site-volume-reattribute"))
                .isEqualTo(subtopologyOf.get("interface-rates"))
                .isEqualTo(subtopologyOf.get("site-interfaces-owners"));
    }

    @Test
    void storesAndRepartitionTopicsAreNamed() {
        Map<String, Set<String>> storesByProcessor = new TreeMap<>();
        List<String> topics = new ArrayList<>();
        TopologyDescription description = NetpulseTopology.build(TopologySettings.defaults(), rates.serdes())
                .describe();
        description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream()).forEach(node -> {
            if (node instanceof TopologyDescription.Processor processor && !processor.stores().isEmpty()) {
                storesByProcessor.put(processor.name(), processor.stores());
            }
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                topics.add(sink.topic());
            }
        });

        assertThat(storesByProcessor).containsAllEntriesOf(Map.of(
                "site-interfaces-changes", Set.of(StoreNames.SITE_INTERFACE_BY_ID),
                "site-interfaces-owners", Set.of(StoreNames.SITE_INTERFACE_OWNER),
                "site-volume-join", Set.of(StoreNames.SITE_INTERFACE_HISTORY),
                "site-volume", Set.of(StoreNames.SITE_VOLUME_MINUTE, StoreNames.SITE_VOLUME_FIVE_MINUTE,
                        StoreNames.SITE_VOLUME_HOUR,
                        StoreNames.SITE_VOLUME_SOURCE_TIME, StoreNames.SITE_VOLUME_CLOSING,
                        StoreNames.SITE_VOLUME_SITES)));
        assertThat(topics).contains("site-interfaces-by-device-repartition", "site-volume-by-site-repartition",
                "netpulse.site-volume");
    }
}
