package io.netpulse.topology.sourcestats;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.sourcestats.SourceStatsHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.flows.FlowRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceStatsFlowTest {

    private static final String ROUTER = "10.0.0.1";
    private static final String OTHER_ROUTER = "10.0.0.2";

    private SourceStatsHarness harness;

    @BeforeEach
    void setUp() {
        harness = new SourceStatsHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void burstInsideOneSecondIsThePeakOfItsMinuteAndItsHour() {
        // Three records in second 10 of minute 0, one in second 20, one in minute 1.
        harness.pipe(flow(ROUTER, T0.plusMillis(10_000)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(ROUTER, T0.plusMillis(10_400)).setBytes(2000).setPackets(20).build());
        harness.pipe(flow(ROUTER, T0.plusMillis(10_999)).setBytes(3000).setPackets(30).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(20)).setBytes(500).setPackets(5).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(70)).setBytes(700).setPackets(7).build());

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 3L, 6000L, 0L, 60L, 0L),
                new SecondSlot(20, 1L, 500L, 0L, 5L, 0L))));
        assertThat(seconds(ROUTER, T0.plusSeconds(60))).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 1L, 700L, 0L, 7L, 0L))));
        // minute 0: 4 flows, 6500 bytes, 65 packets; its busiest second (10) had 3 flows, 6000 bytes, 60 packets
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(4, 6500, 0, 65, 0, 3, 6000, 60));
        assertThat(minute(ROUTER, T0.plusSeconds(60))).isEqualTo(stats(1, 700, 0, 7, 0, 1, 700, 7));
        // the hour: 5 flows, 7200 bytes, 72 packets; its peak is minute 0's busiest second
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(5, 7200, 0, 72, 0, 3, 6000, 60));
    }

    @Test
    void aBatchCountsItsSecondsAsRecordsOfTheirOwnWouldInTheirOrder() {
        // One commit of an input task sends the router's seconds in one batch, in the order they first came:
        // second 10 (3 flows), 20, then 70 (minute 1), then 12 again (minute 0, 58 s behind: within the grace).
        FlowCountsBatch first = batch(
                counts(T0.plusMillis(10_999), 3, 6000, 60),
                counts(T0.plusSeconds(20), 1, 500, 5),
                counts(T0.plusSeconds(70), 2, 1400, 14),
                counts(T0.plusSeconds(12), 1, 100, 1));
        harness.bySource.pipeInput(ROUTER, first, T0.plusSeconds(70));
        // A second batch adds to second 10 and reaches minute 6, 5 minutes (the grace) past minute 0's end and
        // minute 1's start but not its end, and a second 5 minutes and 11 s behind it: late, not counted.
        FlowCountsBatch second = batch(
                counts(T0.plusMillis(10_200), 1, 4000, 40),
                counts(T0.plusSeconds(360), 1, 10, 1),
                counts(T0.plusSeconds(49), 7, 7000, 70));
        harness.bySource.pipeInput(ROUTER, second, T0.plusSeconds(360));

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 4L, 10_000L, 0L, 100L, 0L),
                new SecondSlot(12, 1L, 100L, 0L, 1L, 0L),
                new SecondSlot(20, 1L, 500L, 0L, 5L, 0L))));
        // minute 0: 3 + 1 + 1 + 1 = 6 flows, 6000 + 500 + 100 + 4000 = 10600 bytes, 60 + 5 + 1 + 40 = 106 packets;
        // its busiest second is 10 with both batches' counts: 4 flows, 10000 bytes, 100 packets
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(6, 10_600, 0, 106, 0, 4, 10_000, 100));
        assertThat(minute(ROUTER, T0.plusSeconds(60))).isEqualTo(stats(2, 1400, 0, 14, 0, 2, 1400, 14));
        // the hour: 6 + 2 + 1 = 9 flows, 10600 + 1400 + 10 = 12010 bytes, 106 + 14 + 1 = 121 packets
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(9, 12_010, 0, 121, 0, 4, 10_000, 100));
        assertThat(harness.netpulseTotal("source-stats-late", ROUTER)).isEqualTo(1.0);
        // minute 6 moved the router's clock to 00:06:00: minute 0 closed (its end 5 minutes behind), minute 1 not
        assertThat(harness.sourceStats.readValuesToList())
                .containsExactly(report(ROUTER, T0, 6, 10_600, 106, 4, 10_000, 100));
    }

    private static FlowCountsBatch batch(FlowCounts... seconds) {
        FlowCountsBatch batch = FlowCountsBatch.of(seconds[0]);
        for (int i = 1; i < seconds.length; i++) {
            FlowCountsBatch.plus(batch, FlowCountsBatch.of(seconds[i]));
        }
        return batch;
    }

    private static FlowCounts counts(Instant at, long flows, long bytes, long packets) {
        return new FlowCounts(at, flows, bytes, 0L, packets, 0L);
    }

    @Test
    void everySourceIsListedOnceWithTheFirstMinuteItCounted() {
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(130)).setBytes(100).setPackets(1).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(61)).setBytes(100).setPackets(1).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(5)).setBytes(100).setPackets(1).build());
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(200)).setBytes(100).setPackets(1).build());

        // The router first counted in minute 00:01, then (late, within its lateness) in 00:00: its first minute
        // listed is the first it counted, 00:01; the other router from 00:02.
        Map<String, Instant> listed = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = harness.driver.<String, Long>getKeyValueStore(
                StoreNames.SOURCE_STATS_SOURCES).all()) {
            all.forEachRemaining(source -> listed.put(source.key, Instant.ofEpochMilli(source.value)));
        }
        assertThat(listed).containsExactly(Map.entry(ROUTER, T0.plusSeconds(60)),
                Map.entry(OTHER_ROUTER, T0.plusSeconds(120)));
    }

    @Test
    void theThreeResolutionsAgreeOnTotals() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(1)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(59)).setBytes(2000).setPackets(10).setFlows(3).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(61)).setBytes(4000).setPackets(40).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(61)).setBytes(8000).setPackets(80).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(185)).setBytes(1600).setPackets(16).setFlows(2).build());

        // seconds: 1 -> (1, 1000, 10), 59 -> (3, 2000, 10), 61 -> (2, 12000, 120), 185 -> (2, 1600, 16)
        List<SecondSlot> everySecond = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            SourceSeconds row = seconds(ROUTER, T0.plusSeconds(60L * minute));
            if (row != null) {
                everySecond.addAll(row.getSlots());
            }
        }
        assertThat(everySecond).containsExactly(
                new SecondSlot(1, 1L, 1000L, 0L, 10L, 0L),
                new SecondSlot(59, 3L, 2000L, 0L, 10L, 0L),
                new SecondSlot(1, 2L, 12000L, 0L, 120L, 0L),
                new SecondSlot(5, 2L, 1600L, 0L, 16L, 0L));
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(4, 3000, 0, 20, 0, 3, 2000, 10));
        assertThat(minute(ROUTER, T0.plusSeconds(60))).isEqualTo(stats(2, 12000, 0, 120, 0, 2, 12000, 120));
        assertThat(minute(ROUTER, T0.plusSeconds(120))).isNull();
        assertThat(minute(ROUTER, T0.plusSeconds(180))).isEqualTo(stats(2, 1600, 0, 16, 0, 2, 1600, 16));
        // 1 + 3 + 2 + 2 = 8 flows, 1000 + 2000 + 12000 + 1600 = 16600 bytes, 10 + 10 + 120 + 16 = 156 packets
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(8, 16600, 0, 156, 0, 3, 12000, 120));
    }

    @Test
    void samplingRateScalesBytesAndPacketsAndRateZeroTakesTheDefault() {
        harness.close();
        FlowSettings defaults = FlowSettings.defaults();
        TopologySettings settings = new TopologySettings(TopologySettings.defaults().topics(),
                TopologySettings.defaults().rates(), new FlowSettings(defaults.grace(), defaults.secondRetention(),
                defaults.minuteRetention(), defaults.hourRetention(), 100), TopologySettings.defaults().exporters(),
                TopologySettings.defaults().ip());
        harness = new SourceStatsHarness(settings);

        harness.pipe(flow(ROUTER, T0.plusSeconds(1)).setBytes(1000).setPackets(10).setSamplingRate(10).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(2)).setBytes(200).setPackets(2).setSamplingRate(0).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(3)).setBytes(300).setPackets(3).setSamplingRate(1).build());

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(1, 1L, 10_000L, 0L, 100L, 0L),   // 1000 x 10, 10 x 10
                new SecondSlot(2, 1L, 20_000L, 0L, 200L, 0L),   // 200 x 100 (the default), 2 x 100
                new SecondSlot(3, 1L, 300L, 0L, 3L, 0L))));     // rate 1: as given
        assertThat(harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, TopologyMetrics.ALL)).isEqualTo(1.0);
    }

    @Test
    void badRecordCountsInBadAndInTotals() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(5)).setBytes(1000).setPackets(10).build());
        // 60 packets in 600 bytes: 10 bytes per packet, below the 20-byte minimum
        harness.pipe(flow(ROUTER, T0.plusSeconds(5)).setBytes(600).setPackets(60).build());

        assertThat(minute(ROUTER, T0)).isEqualTo(stats(2, 1600, 600, 70, 60, 2, 1600, 70));
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(2, 1600, 600, 70, 60, 2, 1600, 70));
        assertThat(harness.netpulseTotal(FlowRecords.BAD_RECORDS, ROUTER)).isEqualTo(1.0);
    }

    @Test
    void lateRecordWithinItsSourcesLatenessUpdatesEveryLevelOnce() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(310)).setBytes(2000).setPackets(20).build());
        // the router's latest is T0 + 310 s: T0 + 10 s is exactly the 5-minute lateness behind it and counts
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(4000).setPackets(40).build());

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 2L, 5000L, 0L, 50L, 0L))));
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(2, 5000, 0, 50, 0, 2, 5000, 50));
        // the hour counts minute 0 once, with its new value, and minute 5
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(3, 7000, 0, 70, 0, 2, 5000, 50));
        assertThat(harness.netpulseTotal("source-stats-late", ROUTER)).isEqualTo(0.0);
    }

    @Test
    void lateRecordBeyondItsSourcesLatenessIsDroppedAndCounted() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(311)).setBytes(2000).setPackets(20).build());
        // the router's latest is T0 + 311 s: T0 + 10 s is 5 minutes and 1 second behind it
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(4000).setPackets(40).build());

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 1L, 1000L, 0L, 10L, 0L))));
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(1, 1000, 0, 10, 0, 1, 1000, 10));
        assertThat(hour(ROUTER, T0)).isEqualTo(stats(2, 3000, 0, 30, 0, 1, 2000, 20));
        assertThat(harness.netpulseTotal("source-stats-late", ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal("source-stats-late", TopologyMetrics.ALL)).isEqualTo(1.0);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void anotherSourcesBacklogMakesNoRecordLate() {
        // the router is 30 minutes ahead; the other router's backlog, read after it, still counts in full
        harness.pipe(flow(ROUTER, T0.plusSeconds(1800)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(10)).setBytes(2000).setPackets(20).build());
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(70)).setBytes(3000).setPackets(30).build());

        assertThat(minute(OTHER_ROUTER, T0)).isEqualTo(stats(1, 2000, 0, 20, 0, 1, 2000, 20));
        assertThat(minute(OTHER_ROUTER, T0.plusSeconds(60))).isEqualTo(stats(1, 3000, 0, 30, 0, 1, 3000, 30));
        assertThat(hour(OTHER_ROUTER, T0)).isEqualTo(stats(2, 5000, 0, 50, 0, 1, 3000, 30));
        assertThat(harness.netpulseTotal("source-stats-late", TopologyMetrics.ALL)).isEqualTo(0.0);
        assertThat(harness.sourceStats.isEmpty()).isTrue();
    }

    /**
     * Seconds kept 10 minutes: the router runs 30 minutes ahead, so the other router's row of its first minute has
     * left the store when the rest of that minute arrives (no record cache, which would only delay that). The
     * minute and the hour still count both records.
     */
    @Test
    void aSourceFurtherBehindThanTheSecondsAreKeptStillCountsEveryRecord() {
        keepSecondsTenMinutesWithoutCache();

        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(10)).setBytes(2000).setPackets(20).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(1800)).setBytes(1000).setPackets(10).build());
        assertThat(seconds(OTHER_ROUTER, T0)).isNull();
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(20)).setBytes(3000).setPackets(30).build());

        // 1 + 1 flows, 2000 + 3000 bytes, 20 + 30 packets; peaks of second 20: 1, 3000, 30
        assertThat(minute(OTHER_ROUTER, T0)).isEqualTo(stats(2, 5000, 0, 50, 0, 1, 3000, 30));
        assertThat(hour(OTHER_ROUTER, T0)).isEqualTo(stats(2, 5000, 0, 50, 0, 1, 3000, 30));
        assertThat(harness.netpulseTotal("source-stats-late", TopologyMetrics.ALL)).isEqualTo(0.0);
    }

    /**
     * The row a source wrote last is kept decoded by the task, but once its minute has left the seconds' retention
     * (another source moved the task 30 minutes on, 10 are kept) it is read from the store again, where it is gone:
     * the second record of second 10 starts that second afresh, as it did before rows were kept.
     */
    @Test
    void aRowKeptDecodedIsNotUsedOnceItsMinuteLeftTheStore() {
        keepSecondsTenMinutesWithoutCache();

        harness.pipe(flow(OTHER_ROUTER, T0.plusMillis(10_000)).setBytes(2000).setPackets(20).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(1800)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(OTHER_ROUTER, T0.plusMillis(10_500)).setBytes(3000).setPackets(30).build());

        // totals count both; second 10 restarted with the second record: peaks 1 flow, 3000 bytes, 30 packets
        // (a kept row would have made them 2, 5000 and 50)
        assertThat(minute(OTHER_ROUTER, T0)).isEqualTo(stats(2, 5000, 0, 50, 0, 1, 3000, 30));
        assertThat(seconds(OTHER_ROUTER, T0)).isNull();
    }

    @Test
    void eachSourcesMinutesCloseOnItsOwnClock() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(20)).setBytes(3000).setPackets(30).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(50)).setBytes(2000).setPackets(20).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(359)).setBytes(500).setPackets(5).build());
        assertThat(harness.sourceStats.isEmpty()).isTrue();

        // the other router reaches T0 + 6 min, minute 0's end plus the 5-minute lateness: only its minute closes
        harness.pipe(flow(OTHER_ROUTER, T0.plusSeconds(360)).setBytes(700).setPackets(7).build());
        assertExactly(harness.sourceStats, 
                KeyValue.pair(OTHER_ROUTER, report(OTHER_ROUTER, T0, 1, 3000, 30, 1, 3000, 30)));

        harness.pipe(flow(ROUTER, T0.plusSeconds(360)).setBytes(100).setPackets(1).build());
        assertExactly(harness.sourceStats, 
                KeyValue.pair(ROUTER, report(ROUTER, T0, 2, 3000, 30, 1, 2000, 20)));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
    }

    @Test
    void aQuietSourcesLastMinuteClosesByTheWallClock() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(10)).setBytes(1000).setPackets(10).build());
        // quiet from the 5-minute lateness on, its clock then moves with the wall clock: T0 + 10 s + 5 min 49 s
        // minus the lateness is T0 + 59 s, short of minute 0's end
        harness.driver.advanceWallClockTime(Duration.ofSeconds(349));
        assertThat(harness.sourceStats.isEmpty()).isTrue();

        harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertExactly(harness.sourceStats, 
                KeyValue.pair(ROUTER, report(ROUTER, T0, 1, 1000, 10, 1, 1000, 10)));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
    }

    @Test
    void ipv6ExportersAreOneSourceWhateverTheirSpelling() {
        harness.pipe(flow("2001:0DB8:0:0:0:0:0:1", T0.plusSeconds(1)).build());
        harness.pipe(flow("2001:db8::1", T0.plusSeconds(2)).build());

        assertThat(minute("2001:db8::1", T0)).isEqualTo(stats(2, 2000, 0, 20, 0, 1, 1000, 10));
        assertThat(minute("2001:0DB8:0:0:0:0:0:1", T0)).isNull();
    }

    @Test
    void recordWithoutReceiveTimeCountsAtItsFlowEnd() {
        harness.pipe(flow(ROUTER, T0.plusSeconds(30)).setReceivedAt(null)
                .setFlowStart(T0.plusSeconds(20)).setFlowEnd(T0.plusSeconds(42)).build());

        assertThat(seconds(ROUTER, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(42, 1L, 1000L, 0L, 10L, 0L))));
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicWithTheirReason() {
        harness.rawFlows.pipeInput(ROUTER, "not avro".getBytes(StandardCharsets.UTF_8), T0);
        harness.pipe(flow("router-1", T0.plusSeconds(1)).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(2)).setBytes(-1).build());
        harness.pipe(flow(ROUTER, T0.plusSeconds(3)).build());

        TestOutputTopic<byte[], byte[]> deadLetters = harness.deadLetters;
        assertThat(deadLetters.readRecordsToList()).extracting(record -> new String(
                record.headers().lastHeader(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME).value(), StandardCharsets.UTF_8))
                .containsExactly(
                        "not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): 8 bytes"
                                + " starting with 0x6e",
                        "exporter is not an IPv4 or IPv6 address: 'router-1'",
                        "bytes is negative: -1");
        assertThat(minute(ROUTER, T0)).isEqualTo(stats(1, 1000, 0, 10, 0, 1, 1000, 10));
    }

    @Test
    void topologyNamesItsStoresAndRepartitionTopic() {
        TopologyDescription description = NetpulseTopology.build(TopologySettings.defaults(),
                new AvroSerdes(new InMemorySchemaRegistry())).describe();
        List<String> stores = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    topics.add(sink.topic());
                }
            }
        }
        assertThat(stores).contains(StoreNames.SOURCE_STATS_SECOND, StoreNames.SOURCE_STATS_MINUTE,
                StoreNames.SOURCE_STATS_HOUR, StoreNames.SOURCE_STATS_SOURCE_TIME, StoreNames.SOURCE_STATS_CLOSING,
                StoreNames.SOURCE_STATS_SOURCES);
        assertThat(topics).contains("flow-stats-by-source-repartition", "netpulse.source-stats",
                "netpulse.dead-letter");
        assertThat(topics.stream().filter(topic -> topic.startsWith("flow-stats") && topic.endsWith("-repartition")))
                .containsExactly("flow-stats-by-source-repartition");
    }

    /** A harness whose seconds are kept 10 minutes, with no record cache in front of the stores. */
    private void keepSecondsTenMinutesWithoutCache() {
        harness.close();
        FlowSettings defaults = FlowSettings.defaults();
        TopologySettings settings = new TopologySettings(TopologySettings.defaults().topics(),
                TopologySettings.defaults().rates(), new FlowSettings(defaults.grace(), Duration.ofMinutes(10),
                defaults.minuteRetention(), defaults.hourRetention(), 1), TopologySettings.defaults().exporters(),
                TopologySettings.defaults().ip());
        Properties noCache = new Properties();
        noCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        harness = new SourceStatsHarness(settings, SourceStatsHarness.WALL_CLOCK, noCache);
    }

    private SourceSeconds seconds(String source, Instant minuteStart) {
        return value(harness.driver.<String, SourceSeconds>getTimestampedWindowStore(StoreNames.SOURCE_STATS_SECOND)
                .fetch(source, minuteStart.toEpochMilli()));
    }

    private SourceStats minute(String source, Instant minuteStart) {
        return value(harness.driver.<String, SourceStats>getTimestampedWindowStore(StoreNames.SOURCE_STATS_MINUTE)
                .fetch(source, minuteStart.toEpochMilli()));
    }

    private SourceStats hour(String source, Instant hourStart) {
        return value(harness.driver.<String, SourceStats>getTimestampedWindowStore(StoreNames.SOURCE_STATS_HOUR)
                .fetch(source, hourStart.toEpochMilli()));
    }

    private static <V> V value(ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    private static SourceStats stats(long flows, long bytes, long badBytes, long packets, long badPackets,
                                     long peakFlows, long peakBytes, long peakPackets) {
        return new SourceStats(flows, bytes, badBytes, packets, badPackets, peakFlows, peakBytes, peakPackets);
    }

    private static SourceWindowStats report(String source, Instant start, long flows, long bytes, long packets,
                                            long peakFlows, long peakBytes, long peakPackets) {
        return new SourceWindowStats(source, start, start.plus(Duration.ofMinutes(1)), flows, bytes, 0L, packets,
                0L, peakFlows, peakBytes, peakPackets);
    }
}
