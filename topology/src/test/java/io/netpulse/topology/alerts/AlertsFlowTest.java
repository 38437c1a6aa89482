package io.netpulse.topology.alerts;

import static io.netpulse.testkit.OutputTopics.assertEmpty;
import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.OutputTopics.assertExactlyValues;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.Alert;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.ip.IpTrafficHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three alert rules on TopologyTestDriver with the default thresholds: utilization above 90 % of the speed
 * for 5 closed minutes, clearing at or below 80 %; silence of 5 minutes; a per-IP sample above
 * max(5 x EWMA(0.25), 1 000 000 bytes) after 6 samples. Every expected value is worked out by hand below.
 */
class AlertsFlowTest {

    private static final InterfaceKey EDGE_1 = new InterfaceKey("edge-1", 1);
    /** 950 Mbit/s for a minute: 950e6 x 60 / 8 octets; 95 % of the samples' 1 Gbit/s. */
    private static final long HOT = 7_125_000_000L;
    /** 850 Mbit/s: between the clear (800) and raise (900) thresholds. */
    private static final long WARM = 6_375_000_000L;
    /** 500 Mbit/s. */
    private static final long COOL = 3_750_000_000L;
    private static final String SITE = "5a1e0000-0000-4000-8000-000000000001";
    private static final String INVENTORY_ID = "1f000000-0000-4000-8000-000000000001";

    @TempDir
    Path stateDir;

    /** Polls one device's interface once a minute on the minute, so each poll's interval is one whole minute. */
    private static final class Poller {
        private final RatesTestDriver rates;
        private final String device;
        private final boolean reportsSpeed;
        private long octets;

        Poller(RatesTestDriver rates, String device, boolean reportsSpeed) {
            this.rates = rates;
            this.device = device;
            this.reportsSpeed = reportsSpeed;
            poll(0);
        }

        /** Minute {@code minute} (from T0) carries {@code minuteOctets} in and a tenth of it out. */
        void minute(int minute, long minuteOctets) {
            octets += minuteOctets;
            poll(60L * (minute + 1));
        }

        void poll(long seconds) {
            rates.poll(sample(device, 1, T0.plusSeconds(seconds), seconds * 100, octets, octets / 10)
                    .setIfSpeed(reportsSpeed ? 1_000_000_000L : null).build());
        }
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Alert utilization(String interfaceId, String siteId, Instant start, Instant end,
                                     double observed, Instant windowEnd) {
        return Alert.newBuilder()
                .setId(AlertRule.INTERFACE_UTILIZATION.idOf("edge-1|1", start.toEpochMilli()))
                .setRule("interface-utilization").setSubject("edge-1|1")
                .setInterfaceId(interfaceId).setSiteId(siteId).setSource("edge-1")
                .setStart(start).setEnd(end)
                .setThreshold(900_000_000.0).setObserved(observed).setUnit("bit/s")
                .setWindowStart(start).setWindowEnd(windowEnd)
                .build();
    }

    private static Alert silent(String signal, String source, Instant lastSeen, Instant start, Instant end) {
        return Alert.newBuilder()
                .setId(AlertRule.SOURCE_SILENT.idOf(signal + ":" + source, start.toEpochMilli()))
                .setRule("source-silent").setSubject(signal + ":" + source)
                .setSource(source).setSignal(signal)
                .setStart(start).setEnd(end)
                .setThreshold(300.0)
                .setObserved(Duration.between(lastSeen, end == null ? start : end).toSeconds())
                .setUnit("seconds")
                .setWindowStart(lastSeen).setWindowEnd(end == null ? start : end)
                .build();
    }

    private static List<Alert> stored(org.apache.kafka.streams.TopologyTestDriver driver) {
        KeyValueStore<String, Alert> store = driver.getKeyValueStore(StoreNames.ALERTS);
        List<Alert> alerts = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = store.all()) {
            all.forEachRemaining(entry -> alerts.add(entry.value));
        }
        return alerts;
    }

    // ---- interface utilization ----

    @Test
    void fiveHotMinutesRaiseAtTheFifthNotTheFourthAndHysteresisHoldsUntilAMinuteAtOrBelow80Percent() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            for (int minute = 0; minute <= 23; minute++) {
                edge.minute(minute, minute <= 4 ? HOT : minute == 5 ? WARM : COOL);
            }
            // The poll at 00:24 closes minute 00:03 (grace 20 min): four hot minutes closed, no alert yet.
            assertEmpty(rates.alerts());

            edge.minute(24, COOL);
            // The poll at 00:25 closes minute 00:04, the fifth hot one: raised from 00:00, threshold 90 % of
            // 1 Gbit/s, observed the lowest max(in, out) of the five, 950 Mbit/s.
            String derivedId = EDGE_1.derivedId().toString();
            Alert raised = utilization(derivedId, null, T0, null, 950_000_000.0, at(300));
            assertExactly(rates.alerts(), KeyValue.pair(raised.getId(), raised));

            edge.minute(25, COOL);
            // Minute 00:05 at 850 Mbit/s: under 90 % but above 80 %, the alert stays.
            assertEmpty(rates.alerts());

            edge.minute(26, COOL);
            // Minute 00:06 at 500 Mbit/s clears it at its start.
            Alert cleared = utilization(derivedId, null, T0, at(360), 950_000_000.0, at(300));
            assertExactlyValues(rates.alerts(), cleared);
            assertThat(stored(rates.driver())).containsExactly(cleared);
        }
    }

    @Test
    void aCoolMinuteInsideTheRunStartsItAgain() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            long[] minutes = {HOT, HOT, HOT, HOT, COOL, HOT, HOT, HOT, HOT, HOT};
            for (int minute = 0; minute < minutes.length; minute++) {
                edge.minute(minute, minutes[minute]);
            }
            for (int minute = minutes.length; minute <= 30; minute++) {
                edge.minute(minute, COOL);
            }
            // Four hot minutes, a cool one, then five hot ones from 00:05 to 00:09; cleared by 00:10.
            Alert cleared = utilization(EDGE_1.derivedId().toString(), null, at(300), at(600), 950_000_000.0,
                    at(600));
            assertExactlyValues(rates.alerts(), 
                    utilization(EDGE_1.derivedId().toString(), null, at(300), null, 950_000_000.0, at(600)),
                    cleared);
        }
    }

    @Test
    void minutesMissingAfterTheAlertClearItAtTheEndOfTheLastMinuteJudged() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            for (int minute = 0; minute <= 4; minute++) {
                edge.minute(minute, HOT);
            }
            // 17 minutes without a poll: longer than the 15-minute max gap, so minutes 00:05..00:21 have no rate
            // (the poll at 00:22 is a new baseline). By the wall clock the device is silent from 00:05 + 5 min.
            edge.poll(1320);
            for (int minute = 22; minute <= 43; minute++) {
                edge.minute(minute, COOL);
            }
            String derivedId = EDGE_1.derivedId().toString();
            assertExactlyValues(rates.alerts(), 
                    silent("counters", "edge-1", at(300), at(600), null),
                    // The first interval after the gap (00:22..00:23) clears the silence at its end poll.
                    silent("counters", "edge-1", at(300), at(600), at(1380)),
                    // Minute 00:04 closes with the poll at 00:25 (grace 20 min): five hot minutes.
                    utilization(derivedId, null, T0, null, 950_000_000.0, at(300)),
                    // Minute 00:22 closes with the poll at 00:43: minutes are missing after 00:05, cleared then.
                    utilization(derivedId, null, T0, at(300), 950_000_000.0, at(300)));
        }
    }

    @Test
    void theInventorySpeedAndSiteApplyWhenTheCountersReportNoSpeed() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            rates.pipeInventory("interface:" + INVENTORY_ID, """
                    {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "edge-1", "if_index": 1,
                     "speed_bps": 1000000000}
                    """.formatted(INVENTORY_ID, SITE).getBytes(StandardCharsets.UTF_8), T0);
            Poller edge = new Poller(rates, "edge-1", false);
            for (int minute = 0; minute <= 24; minute++) {
                edge.minute(minute, minute <= 4 ? HOT : COOL);
            }
            assertExactlyValues(rates.alerts(), 
                    utilization(INVENTORY_ID, SITE, T0, null, 950_000_000.0, at(300)));
        }
    }

    @Test
    void theCountersSpeedWinsOverTheInventorys() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            // The inventory says 100 Gbit/s (950 Mbit/s would be under 1 %); the polls say 1 Gbit/s.
            rates.pipeInventory("interface:" + INVENTORY_ID, """
                    {"type": "interface", "interface_id": "%s", "device": "edge-1", "if_index": 1,
                     "speed_bps": 100000000000}
                    """.formatted(INVENTORY_ID).getBytes(StandardCharsets.UTF_8), T0);
            Poller edge = new Poller(rates, "edge-1", true);
            for (int minute = 0; minute <= 24; minute++) {
                edge.minute(minute, minute <= 4 ? HOT : COOL);
            }
            assertExactlyValues(rates.alerts(), 
                    utilization(INVENTORY_ID, null, T0, null, 950_000_000.0, at(300)));
        }
    }

    // ---- silent sources ----

    @Test
    void aDeviceQuietForFiveMinutesByTheWallClockIsSilentFromItsLastPollPlusFive() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            edge.minute(0, COOL);
            edge.minute(1, COOL);
            // Last poll at 00:02 (wall clock 00:02). Nothing else in the task: a fully quiet system.
            rates.advanceWallClock(Duration.ofSeconds(299));
            assertEmpty(rates.alerts());

            rates.advanceWallClock(Duration.ofSeconds(1));
            Alert raised = silent("counters", "edge-1", at(120), at(420), null);
            assertExactlyValues(rates.alerts(), raised);

            // It polls again at 00:10: cleared then, the gap 00:02..00:10 is 480 s.
            edge.poll(600);
            assertExactlyValues(rates.alerts(), 
                    silent("counters", "edge-1", at(120), at(420), at(600)));
        }
    }

    @Test
    void aDeviceIsSilentWhenAnotherDeviceOfTheTaskIsFiveMinutesAhead() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            Poller core = new Poller(rates, "core-1", true);
            edge.minute(0, COOL);
            core.minute(0, COOL);
            edge.minute(1, COOL);
            core.minute(1, COOL);
            // edge-1 stops at 00:02; core-1 goes on. At wall 00:07 the check runs before core-1's poll of 00:07,
            // when the task's latest poll is 00:06: only 4 minutes past edge-1's.
            for (int minute = 2; minute <= 5; minute++) {
                core.minute(minute, COOL);
            }
            assertEmpty(rates.alerts());
            // Wall 00:08: edge-1 quiet 6 minutes, core-1 at 00:07, 5 minutes past edge-1's 00:02.
            core.minute(6, COOL);
            core.minute(7, COOL);
            assertExactlyValues(rates.alerts(), 
                    silent("counters", "edge-1", at(120), at(420), null));
        }
    }

    @Test
    void clearedAlertsLeaveTheStoreSevenDaysAfterTheyEndedActiveOnesStay() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            Poller edge = new Poller(rates, "edge-1", true);
            Poller core = new Poller(rates, "core-1", true);
            edge.minute(0, COOL);
            core.minute(0, COOL);
            // edge-1 is silent from 00:01 + 5 min and comes back at 00:10; core-1 never comes back.
            edge.poll(600);
            Alert cleared = silent("counters", "edge-1", at(60), at(360), at(600));
            Alert active = silent("counters", "core-1", at(60), at(360), null);
            assertThat(stored(rates.driver())).containsExactlyInAnyOrder(cleared, active);

            // Wall clock 00:10 + 7 days: the cleared one ended exactly the retention ago, not before it; edge-1
            // has been silent again since its poll at 00:10 (from 00:15).
            rates.advanceWallClock(Duration.ofDays(7));
            Alert silentAgain = silent("counters", "edge-1", at(600), at(900), null);
            assertThat(stored(rates.driver())).containsExactlyInAnyOrder(cleared, active, silentAgain);
            rates.advanceWallClock(Duration.ofMinutes(1));
            assertThat(stored(rates.driver())).containsExactlyInAnyOrder(active, silentAgain);
        }
    }

    @Test
    void aBacklogReadLaterGivesTheSameSilenceAlertFromTheGapInEventTime() {
        Alert live;
        try (RatesTestDriver rates = new RatesTestDriver(stateDir.resolve("live"))) {
            Poller edge = new Poller(rates, "edge-1", true);
            edge.minute(0, COOL);
            edge.minute(1, COOL);
            edge.poll(600);
            live = stored(rates.driver()).getFirst();
            assertThat(stored(rates.driver())).containsExactly(silent("counters", "edge-1", at(120), at(420),
                    at(600)));
        }
        // The same polls read an hour later, all at once: the wall clock never sees a quiet device, the gap
        // between 00:02 and 00:10 in event time gives the alert, raised and cleared in one record.
        try (RatesTestDriver replay = new RatesTestDriver(stateDir.resolve("replay"), TopologySettings.defaults(),
                T0.plus(Duration.ofHours(1)))) {
            Poller edge = new Poller(replay, "edge-1", true);
            edge.minute(0, COOL);
            edge.minute(1, COOL);
            edge.poll(600);
            assertExactlyValues(replay.alerts(), live);
            assertThat(stored(replay.driver())).containsExactly(live);
        }
    }

    @Test
    void utilizationAlertsAreTheSameOnReplay() {
        List<Alert> first;
        try (RatesTestDriver rates = new RatesTestDriver(stateDir.resolve("first"))) {
            Poller edge = new Poller(rates, "edge-1", true);
            for (int minute = 0; minute <= 30; minute++) {
                edge.minute(minute, minute <= 6 ? HOT : COOL);
            }
            first = rates.alerts().readValuesToList();
        }
        try (RatesTestDriver replay = new RatesTestDriver(stateDir.resolve("replay"), TopologySettings.defaults(),
                T0.plus(Duration.ofHours(2)))) {
            Poller edge = new Poller(replay, "edge-1", true);
            for (int minute = 0; minute <= 30; minute++) {
                edge.minute(minute, minute <= 6 ? HOT : COOL);
            }
            assertThat(first).hasSize(2);
            assertThat(replay.alerts().readValuesToList()).isEqualTo(first);
        }
    }

    @Test
    void anExporterThatStopsSendingFlowsIsSilentAndSendingAgainClearsIt() {
        try (IpTrafficHarness ip = new IpTrafficHarness()) {
            Instant first = T0;
            ip.pipe("198.51.100.1", "198.51.100.2", 1_000, first);
            // 10.5 s later: heartbeats are per second, so the exporter was last seen at T0 + 10 s.
            ip.pipe("198.51.100.1", "198.51.100.2", 1_000, first.plusMillis(10_500));
            // The harness moves the wall clock on 1 s after each flow: 1 + 298 = 299 s after the last one arrived.
            ip.driver.advanceWallClockTime(Duration.ofSeconds(298));
            assertEmpty(ip.alerts);
            ip.driver.advanceWallClockTime(Duration.ofSeconds(1));
            Alert raised = silent("flows", IpTrafficHarness.ROUTER, first.plusSeconds(10), first.plusSeconds(310),
                    null);
            assertExactlyValues(ip.alerts, raised);

            ip.pipe("198.51.100.1", "198.51.100.2", 1_000, first.plusSeconds(400));
            assertExactlyValues(ip.alerts, silent("flows", IpTrafficHarness.ROUTER,
                    first.plusSeconds(10), first.plusSeconds(310), first.plusSeconds(400)));
        }
    }

    // ---- per-IP spikes ----

    private static final String SERVER_IP = "203.0.113.10";
    private static final String FOREIGN = "198.51.100.7";

    /**
     * One flow from the server in sample {@code index} (10-minute samples), at 5 minutes into it; the exporter
     * also sends a flow of foreign addresses every two minutes between, so it is never silent.
     */
    private static void sampleBytes(IpTrafficHarness ip, int index, long bytes) {
        Instant start = T0.plusSeconds(600L * index);
        if (index > 0) {
            ip.pipe(FOREIGN, FOREIGN, 100, start.minusSeconds(180));
            ip.pipe(FOREIGN, FOREIGN, 100, start.plusSeconds(60));
            ip.pipe(FOREIGN, FOREIGN, 100, start.plusSeconds(180));
        }
        ip.pipe(SERVER_IP, FOREIGN, bytes, start.plusSeconds(300));
    }

    private static Alert spike(int index, double threshold, long observed, Integer clearedAt) {
        Instant start = T0.plusSeconds(600L * index);
        return Alert.newBuilder()
                .setId(AlertRule.IP_SPIKE.idOf(SERVER_IP, start.toEpochMilli()))
                .setRule("ip-spike").setSubject(SERVER_IP).setAddress(SERVER_IP).setAccountId("acct-1")
                .setStart(start)
                .setEnd(clearedAt == null ? null : T0.plusSeconds(600L * clearedAt))
                .setThreshold(threshold).setObserved(observed).setUnit("bytes")
                .setWindowStart(start).setWindowEnd(start.plusSeconds(600))
                .build();
    }

    @Test
    void aSampleAboveFiveTimesItsBaselineAfterSixSamplesIsASpikeAndTheNextOneUnderClearsIt() {
        try (IpTrafficHarness ip = new IpTrafficHarness()) {
            ip.address(SERVER_IP, "acct-1", "srv-1", LocalDate.of(2025, 12, 1));
            for (int index = 0; index < 6; index++) {
                sampleBytes(ip, index, 400_000);
            }
            // Sample 6: baseline of six samples of 400 000 is 400 000; threshold max(2 000 000, 1 000 000).
            sampleBytes(ip, 6, 2_500_000);
            // Closed by sample 7's flow (5 minutes past its end, the grace).
            sampleBytes(ip, 7, 300_000);
            assertExactlyValues(ip.alerts, spike(6, 2_000_000.0, 2_500_000, null));
            // Sample 7 closes with sample 8's flow. The baseline moved to 400 000 + 0.25 x (2 500 000 - 400 000)
            // = 925 000; 300 000 is under max(4 625 000, 1 000 000): cleared at sample 7's start.
            sampleBytes(ip, 8, 300_000);
            assertExactlyValues(ip.alerts, spike(6, 2_000_000.0, 2_500_000, 7));
        }
    }

    @Test
    void aMissingSampleClearsASpikeAndTheNextOneIsJudgedAfresh() {
        try (IpTrafficHarness ip = new IpTrafficHarness()) {
            ip.address(SERVER_IP, "acct-1", "srv-1", LocalDate.of(2025, 12, 1));
            for (int index = 0; index < 6; index++) {
                sampleBytes(ip, index, 400_000);
            }
            sampleBytes(ip, 6, 2_500_000);
            // No traffic of the server in sample 7: no sample. Its exporter goes on with foreign flows.
            Instant seven = T0.plusSeconds(4200);
            ip.pipe(FOREIGN, FOREIGN, 100, seven.minusSeconds(180));
            ip.pipe(FOREIGN, FOREIGN, 100, seven.plusSeconds(60));
            ip.pipe(FOREIGN, FOREIGN, 100, seven.plusSeconds(180));
            ip.pipe(FOREIGN, FOREIGN, 100, seven.plusSeconds(300));
            // Sample 8: the gap cleared the alert at the end of sample 6 (the last one judged). Baseline after
            // sample 6: 925 000; threshold max(4 625 000, 1 000 000); 5 000 000 is a new spike.
            sampleBytes(ip, 8, 5_000_000);
            sampleBytes(ip, 9, 300_000);
            assertExactlyValues(ip.alerts, 
                    spike(6, 2_000_000.0, 2_500_000, null),
                    spike(6, 2_000_000.0, 2_500_000, 7),
                    spike(8, 4_625_000.0, 5_000_000, null));
        }
    }

    @Test
    void theSixthSampleIsNotJudgedTheSeventhIs() {
        try (IpTrafficHarness ip = new IpTrafficHarness()) {
            ip.address(SERVER_IP, "acct-1", "srv-1", LocalDate.of(2025, 12, 1));
            for (int index = 0; index < 5; index++) {
                sampleBytes(ip, index, 100_000);
            }
            // Sample 5 has five before it: not judged, however large. Baseline after it:
            // 100 000 + 0.25 x (5 000 000 - 100 000) = 1 325 000.
            sampleBytes(ip, 5, 5_000_000);
            // Sample 6: threshold max(5 x 1 325 000, 1 000 000) = 6 625 000; 6 700 000 is above it.
            sampleBytes(ip, 6, 6_700_000);
            sampleBytes(ip, 7, 100_000);
            assertExactlyValues(ip.alerts, spike(6, 6_625_000.0, 6_700_000, null));
        }
    }

    @Test
    void aSampleUnderTheFloorIsNoSpikeHoweverSmallTheBaseline() {
        try (IpTrafficHarness ip = new IpTrafficHarness()) {
            ip.address(SERVER_IP, "acct-1", "srv-1", LocalDate.of(2025, 12, 1));
            for (int index = 0; index < 6; index++) {
                sampleBytes(ip, index, 1_000);
            }
            // 999 999 bytes is 1 000 times the baseline but under the 1 000 000-byte floor.
            sampleBytes(ip, 6, 999_999);
            sampleBytes(ip, 7, 1_000);
            sampleBytes(ip, 8, 1_000);
            assertEmpty(ip.alerts);
        }
    }

    // ---- the topology ----

    @Test
    void storesAndRepartitionsAreNamed() {
        try (RatesTestDriver rates = new RatesTestDriver(stateDir)) {
            TopologyDescription description = io.netpulse.topology.NetpulseTopology.build(
                    TopologySettings.defaults(), rates.serdes()).describe();
            List<String> stores = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            List<String> storeSources = new ArrayList<>();
            List<String> silentFlowsSources = new ArrayList<>();
            for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
                boolean alertStore = subtopology.nodes().stream().anyMatch(node -> node.name().equals("alerts-store"));
                boolean silentFlows = subtopology.nodes().stream()
                        .anyMatch(node -> node.name().equals("alerts-silence-flows"));
                for (TopologyDescription.Node node : subtopology.nodes()) {
                    if (node instanceof TopologyDescription.Processor processor) {
                        stores.addAll(processor.stores());
                    }
                    if (alertStore && node instanceof TopologyDescription.Source source) {
                        storeSources.addAll(source.topicSet());
                    }
                    if (silentFlows && node instanceof TopologyDescription.Source source) {
                        silentFlowsSources.addAll(source.topicSet());
                    }
                    if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                        topics.add(sink.topic());
                    }
                }
            }
            assertThat(stores).contains(StoreNames.ALERTS, StoreNames.ALERTS_UTILIZATION,
                    StoreNames.ALERTS_SILENCE_COUNTERS, StoreNames.ALERTS_SILENCE_FLOWS, StoreNames.ALERTS_IP_SPIKE);
            assertThat(topics).contains("netpulse.alerts", "alerts-utilization-by-id-repartition",
                    "alerts-silence-counters-by-id-repartition", "alerts-silence-flows-by-id-repartition",
                    "alerts-ip-spike-by-id-repartition");
            // The silent-flows rule reads the flow statistics' repartition by exporter: no repartition of its own.
            assertThat(topics).noneMatch(topic -> topic.contains("heartbeats"));
            assertThat(silentFlowsSources).containsExactly("flow-stats-by-source-repartition");
            // The store's sub-topology reads the four rules' repartitions and nothing else: the rules stay in
            // the sub-topologies of their inputs, which the alerts do not fuse.
            assertThat(storeSources).containsExactlyInAnyOrder("alerts-utilization-by-id-repartition",
                    "alerts-silence-counters-by-id-repartition", "alerts-silence-flows-by-id-repartition",
                    "alerts-ip-spike-by-id-repartition");
        }
    }
}
