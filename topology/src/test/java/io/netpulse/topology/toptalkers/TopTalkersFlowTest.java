package io.netpulse.topology.toptalkers;

import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.toptalkers.TopTalkersHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.schema.aggregate.TopTalkers;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopTalkersFlowTest {

    private static final String ROUTER = "10.0.0.1";
    private static final String OTHER_ROUTER = "10.0.0.2";
    private static final String SPLIT_ROUTER = "10.0.0.3";
    private static final UUID SITE = UUID.fromString("6f1c1c9e-0a41-4c43-9a53-1f2d3b4c5d6e");
    private static final UUID OTHER_SITE = UUID.fromString("0d5b4e1a-7c2f-4f4e-8d7c-2b1a3c4d5e6f");
    private static final String ROUTER_KEY = TopTalkersScope.source(ROUTER);
    private static final String BATCHES = "top-talkers-batches-in";

    private TopTalkersHarness harness;

    @BeforeEach
    void setUp() {
        harness = new TopTalkersHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Talker talker(String address, long bytes, long packets) {
        return new Talker(address, bytes, 0L, packets, 0L);
    }

    private static TalkerList exact(Talker... talkers) {
        return new TalkerList(List.of(talkers), 0L, 0L);
    }

    @Test
    void eachClosedMinuteKeepsItsAddressesExactlyAndAddsToItsHour() {
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(1)).build());
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.1", 3000, 5, T0.plusSeconds(2)).build());
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.2", 500, 50, T0.plusSeconds(59)).build());
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.2", 700, 7, T0.plusSeconds(61)).build());
        // 7 minutes in: the router's clock minus the 5-minute grace passes the end of minutes 0 and 1
        harness.pipe(flow(ROUTER, "192.0.2.9", "198.51.100.9", 1, 1, T0.plus(Duration.ofMinutes(7))).build());

        // minute 0: sources .1 1000 + 500 bytes, 10 + 50 packets, .2 3000 / 5; destinations 100.1 4000 / 15,
        // 100.2 500 / 50; 4500 bytes and 65 packets in all
        assertThat(harness.minute(ROUTER_KEY, T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1500, 60), talker("192.0.2.2", 3000, 5)),
                exact(talker("198.51.100.1", 4000, 15), talker("198.51.100.2", 500, 50)), 4500L, 65L));
        assertThat(harness.minute(ROUTER_KEY, T0.plusSeconds(60))).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.2", 700, 7)), exact(talker("198.51.100.2", 700, 7)), 700L, 7L));
        // minute 7 is still open, and so is the hour
        assertThat(harness.minute(ROUTER_KEY, T0.plus(Duration.ofMinutes(7)))).isNull();
        assertThat(harness.hour(ROUTER_KEY, T0)).isNull();

        // 66 minutes in: the clock minus the grace passes the end of the hour, which merges its closed minutes
        harness.pipe(flow(ROUTER, "192.0.2.9", "198.51.100.9", 1, 1, T0.plus(Duration.ofMinutes(66))).build());
        assertThat(harness.hour(ROUTER_KEY, T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1500, 60), talker("192.0.2.2", 3700, 12), talker("192.0.2.9", 1, 1)),
                exact(talker("198.51.100.1", 4000, 15), talker("198.51.100.2", 1200, 57),
                        talker("198.51.100.9", 1, 1)), 5201L, 73L));
    }

    @Test
    void countsAreScaledBySamplingRateLikeEveryFlowStatistic() {
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 10, 1, T0.plusSeconds(1)).setSamplingRate(100)
                .build());
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 40, 1, T0.plus(Duration.ofMinutes(7))).build());

        // 10 bytes and 1 packet sampled 1 in 100: 1000 bytes, 100 packets
        assertThat(harness.minute(ROUTER_KEY, T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1000, 100)), exact(talker("198.51.100.1", 1000, 100)), 1000L, 100L));
    }

    @Test
    void aFlowLateForItsOwnExporterIsNotCountedAndAnotherExporterIsNotHeldBack() {
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plus(Duration.ofMinutes(10))).build());
        // 5 min 1 s behind the router's latest: beyond the 5-minute lateness
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.1", 2000, 20, T0.plusSeconds(299)).build());
        // the other router's first record, at T0, is judged by its own clock
        harness.pipe(flow(OTHER_ROUTER, "192.0.2.3", "198.51.100.1", 3000, 30, T0.plusSeconds(1)).build());
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1, 1, T0.plus(Duration.ofMinutes(20))).build());
        harness.pipe(flow(OTHER_ROUTER, "192.0.2.3", "198.51.100.1", 1, 1, T0.plus(Duration.ofMinutes(7))).build());

        assertThat(harness.minute(ROUTER_KEY, T0.plus(Duration.ofMinutes(4)))).isNull();
        assertThat(harness.minute(ROUTER_KEY, T0.plus(Duration.ofMinutes(10)))).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1000, 10)), exact(talker("198.51.100.1", 1000, 10)), 1000L, 10L));
        assertThat(harness.minute(TopTalkersScope.source(OTHER_ROUTER), T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.3", 3000, 30)), exact(talker("198.51.100.1", 3000, 30)), 3000L, 30L));
        assertThat(harness.netpulseTotal("top-talkers-late", ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal("top-talkers-late", OTHER_ROUTER)).isEqualTo(0.0);
    }

    @Test
    void aFlowCountsForTheOneSiteOfItsExportersInterfaces() {
        harness.interfaceIn(ROUTER, 1, SITE);
        harness.interfaceIn(ROUTER, 2, SITE);
        harness.interfaceIn(SPLIT_ROUTER, 1, SITE);
        harness.interfaceIn(SPLIT_ROUTER, 2, OTHER_SITE);
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(1)).build());
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.1", 500, 5, T0.plusSeconds(2)).build());
        harness.pipe(flow(OTHER_ROUTER, "192.0.2.1", "198.51.100.1", 2000, 20, T0.plusSeconds(3)).build());
        harness.pipe(flow(SPLIT_ROUTER, "192.0.2.1", "198.51.100.1", 4000, 40, T0.plusSeconds(4)).build());
        // every exporter quiet for longer than the grace: every minute may close
        harness.driver.advanceWallClockTime(Duration.ofMinutes(6));

        assertThat(harness.minute(TopTalkersScope.site(SITE.toString()), T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1000, 10), talker("192.0.2.2", 500, 5)),
                exact(talker("198.51.100.1", 1500, 15)), 1500L, 15L));
        assertThat(harness.minute(TopTalkersScope.site(OTHER_SITE.toString()), T0)).isNull();
        // no inventory for the other router, two sites for the split one: source devices only
        assertThat(harness.minute(TopTalkersScope.source(SPLIT_ROUTER), T0).getBytes()).isEqualTo(4000L);
        assertThat(harness.netpulseTotal(TopTalkersFlow.NO_SITE, OTHER_ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal(TopTalkersFlow.NO_SITE, SPLIT_ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal(TopTalkersFlow.NO_SITE, ROUTER)).isEqualTo(0.0);
    }

    @Test
    void aDeviceMovedInTheInventoryCountsForItsNewSiteFromItsNextFlow() {
        harness.interfaceIn(ROUTER, 1, SITE);
        harness.interfaceIn(ROUTER, 2, SITE);
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(1)).build());
        // one interface moved: the router is in two sites, so its next flow counts for itself only
        harness.interfaceIn(ROUTER, 2, OTHER_SITE);
        harness.pipe(flow(ROUTER, "192.0.2.2", "198.51.100.1", 300, 3, T0.plusSeconds(2)).build());
        // both moved: the router is in the other site alone
        harness.interfaceIn(ROUTER, 1, OTHER_SITE);
        harness.pipe(flow(ROUTER, "192.0.2.3", "198.51.100.1", 40, 4, T0.plusSeconds(3)).build());
        harness.driver.advanceWallClockTime(Duration.ofMinutes(6));

        assertThat(harness.minute(TopTalkersScope.site(SITE.toString()), T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1000, 10)), exact(talker("198.51.100.1", 1000, 10)), 1000L, 10L));
        assertThat(harness.minute(TopTalkersScope.site(OTHER_SITE.toString()), T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.3", 40, 4)), exact(talker("198.51.100.1", 40, 4)), 40L, 4L));
        assertThat(harness.netpulseTotal(TopTalkersFlow.NO_SITE, ROUTER)).isEqualTo(1.0);
        // the source device counts all three: 1000 + 300 + 40 bytes, 10 + 3 + 4 packets
        assertThat(harness.minute(ROUTER_KEY, T0)).isEqualTo(new TopTalkers(
                exact(talker("192.0.2.1", 1000, 10), talker("192.0.2.2", 300, 3), talker("192.0.2.3", 40, 4)),
                exact(talker("198.51.100.1", 1340, 17)), 1340L, 17L));
    }

    /** 201 sources, source i (0..200) sending 100 (i + 1) bytes in i + 1 packets, all to one destination. */
    private static List<FlowRecord> manySources() {
        List<FlowRecord> records = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            records.add(flow(ROUTER, "10.1.0." + i, "198.51.100.1", 100L * (i + 1), i + 1,
                    T0.plusMillis(100L * i)).build());
        }
        return records;
    }

    @Test
    void aMinuteOfMoreAddressesThanTheCapacityKeepsTheBusiestAndBoundsTheRest() {
        manySources().forEach(harness::pipe);
        harness.pipe(flow(ROUTER, "192.0.2.1", "198.51.100.1", 1, 1, T0.plus(Duration.ofMinutes(7))).build());

        TopTalkers minute = harness.minute(ROUTER_KEY, T0);
        // 200 kept, by bytes and by packets alike; 10.1.0.0 (100 bytes, 1 packet) dropped, and bounds the rest
        assertThat(minute.getSources().getTalkers()).hasSize(TopologySettings.FlowSettings.DEFAULT_TOP_TALKERS_CAPACITY)
                .contains(talker("10.1.0.200", 20_100, 201), talker("10.1.0.1", 200, 2))
                .noneMatch(talker -> talker.getAddress().equals("10.1.0.0"));
        assertThat(minute.getSources().getOtherBytesMax()).isEqualTo(100L);
        assertThat(minute.getSources().getOtherPacketsMax()).isEqualTo(1L);
        // one destination: 100 (1 + ... + 201) = 2,030,100 bytes, 20,301 packets
        assertThat(minute.getDestinations()).isEqualTo(exact(talker("198.51.100.1", 2_030_100, 20_301)));
        assertThat(minute.getBytes()).isEqualTo(2_030_100L);
    }

    @Test
    void theListsAreTheSameWhateverOrderTheFlowsArriveIn() {
        List<FlowRecord> records = new ArrayList<>(manySources());
        for (int i = 0; i < 50; i++) {
            records.add(flow(ROUTER, "10.1.0." + (i * 4), "198.51.100." + (i % 3), 1000, 1,
                    T0.plusSeconds(30 + i)).build());
        }
        List<FlowRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(7));
        FlowRecord closer = flow(ROUTER, "192.0.2.1", "198.51.100.1", 1, 1, T0.plus(Duration.ofMinutes(66))).build();

        records.forEach(harness::pipe);
        harness.pipe(closer);
        try (TopTalkersHarness reordered = new TopTalkersHarness()) {
            shuffled.forEach(reordered::pipe);
            reordered.pipe(closer);
            for (int minute = 0; minute < 2; minute++) {
                assertThat(reordered.minute(ROUTER_KEY, T0.plusSeconds(60L * minute)))
                        .isEqualTo(harness.minute(ROUTER_KEY, T0.plusSeconds(60L * minute))).isNotNull();
            }
            assertThat(reordered.hour(ROUTER_KEY, T0)).isEqualTo(harness.hour(ROUTER_KEY, T0)).isNotNull();
        }
        assertThat(shuffled).isNotEqualTo(records);
    }

    @Test
    void aBatchCountsExactlyAsItsFlowsDoOneByOne() {
        List<TalkerFlow> flows = List.of(
                talkerFlow("192.0.2.1", "198.51.100.1", 1000, 10, T0.plusSeconds(1)),
                talkerFlow("192.0.2.2", "198.51.100.1", 3000, 5, T0.plusSeconds(2)),
                talkerFlow("192.0.2.1", "198.51.100.1", 500, 50, T0.plusSeconds(59)),
                // 7 minutes in: the clock minus the 5-minute grace (2 min) passes the end of minute 0
                talkerFlow("192.0.2.9", "198.51.100.9", 1, 1, T0.plus(Duration.ofMinutes(7))),
                // more than the grace behind 7 min: late, not counted
                talkerFlow("192.0.2.1", "198.51.100.1", 77, 7, T0.plusSeconds(40)),
                talkerFlow("192.0.2.9", "198.51.100.9", 2, 2, T0.plus(Duration.ofMinutes(7)).plusSeconds(30)),
                // exactly the grace behind 7 min 30 s: counted, into minute 2, which is still open
                talkerFlow("192.0.2.3", "198.51.100.3", 40, 4, T0.plus(Duration.ofMinutes(2)).plusSeconds(30)));
        TalkerFlow closesTheHour = talkerFlow("192.0.2.9", "198.51.100.9", 0, 0, T0.plus(Duration.ofMinutes(66)));
        try (TopologyHarness batched = batchesOnly(); TopologyHarness oneByOne = batchesOnly()) {
            pipe(batched, flows);
            flows.forEach(flow -> pipe(oneByOne, List.of(flow)));

            // minute 0 closed inside the batch: sources .1 1000 + 500 bytes and 10 + 50 packets, .2 3000 / 5;
            // destination 100.1 4500 / 65; the late 77 bytes nowhere
            TopTalkers minute0 = new TopTalkers(exact(talker("192.0.2.1", 1500, 60), talker("192.0.2.2", 3000, 5)),
                    exact(talker("198.51.100.1", 4500, 65)), 4500L, 65L);
            for (TopologyHarness harness : List.of(batched, oneByOne)) {
                assertThat(harness.<String, TopTalkers>window(StoreNames.TOP_TALKERS_MINUTE, ROUTER_KEY, T0))
                        .isEqualTo(minute0);
                assertThat(harness.<String, TopTalkers>window(StoreNames.TOP_TALKERS_MINUTE, ROUTER_KEY,
                        T0.plus(Duration.ofMinutes(2)))).isNull();
                pipe(harness, List.of(closesTheHour));
                // minutes 2 and 7 closed, and the hour: minute 7 holds .9's 1 + 2 bytes and packets
                assertThat(harness.<String, TopTalkers>window(StoreNames.TOP_TALKERS_MINUTE, ROUTER_KEY,
                        T0.plus(Duration.ofMinutes(7)))).isEqualTo(new TopTalkers(exact(talker("192.0.2.9", 3, 3)),
                        exact(talker("198.51.100.9", 3, 3)), 3L, 3L));
                assertThat(harness.<String, TopTalkers>window(StoreNames.TOP_TALKERS_HOUR, ROUTER_KEY, T0))
                        .isEqualTo(new TopTalkers(
                                exact(talker("192.0.2.1", 1500, 60), talker("192.0.2.2", 3000, 5),
                                        talker("192.0.2.3", 40, 4), talker("192.0.2.9", 3, 3)),
                                exact(talker("198.51.100.1", 4500, 65), talker("198.51.100.3", 40, 4),
                                        talker("198.51.100.9", 3, 3)), 4543L, 72L));
            }
        }
    }

    @Test
    void aMinuteOfManyBatchesIsFoldedIntoOneEntryPerAddressAndCountsTheSame() {
        assertThat(OpenBuckets.FOLD_AFTER).isEqualTo(256);
        try (TopologyHarness harness = batchesOnly()) {
            // 520 batches of one flow each, 10 bytes and 1 packet, from .1 and .2 in turn, all to 100.1
            for (int i = 0; i < 520; i++) {
                pipe(harness, List.of(talkerFlow(i % 2 == 0 ? "192.0.2.1" : "192.0.2.2", "198.51.100.1", 10, 1,
                        T0.plusMillis(100L * i))));
            }
            // folded after the 256th and the 512th batch: three address entries, and the last 8 batches
            assertThat(openEntries(harness)).isEqualTo(11);

            // 7 minutes in: minute 0 closes
            pipe(harness, List.of(talkerFlow("192.0.2.9", "198.51.100.9", 1, 1, T0.plus(Duration.ofMinutes(7)))));
            // 260 flows from each source, 2,600 bytes; 520 flows to 100.1, 5,200 bytes
            assertThat(harness.<String, TopTalkers>window(StoreNames.TOP_TALKERS_MINUTE, ROUTER_KEY, T0))
                    .isEqualTo(new TopTalkers(exact(talker("192.0.2.1", 2600, 260), talker("192.0.2.2", 2600, 260)),
                            exact(talker("198.51.100.1", 5200, 520)), 5200L, 520L));
            // what is left open is minute 7's batch
            assertThat(openEntries(harness)).isEqualTo(1);
        }
    }

    private static long openEntries(TopologyHarness harness) {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> all = harness.driver()
                .<Bytes, byte[]>getKeyValueStore(StoreNames.TOP_TALKERS_OPEN).all()) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }

    /** The counting step alone, fed batches of {@link #ROUTER}'s flows as the repartition carries them. */
    private static TopologyHarness batchesOnly() {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        TopologySettings settings = TopologySettings.defaults();
        StreamsBuilder builder = new StreamsBuilder();
        TopTalkersFlow.count(builder.stream(BATCHES, Consumed.with(Serdes.String(), TalkerBatches.serde(serdes))),
                settings.flows(), serdes.internal(TopTalkers.class));
        return TopologyHarness.start(builder.build(), serdes, settings, TopTalkersHarness.WALL_CLOCK);
    }

    /** Pipes {@code flows} as one batch, at the latest of their times as the combiner stamps it. */
    private static void pipe(TopologyHarness harness, List<TalkerFlow> flows) {
        Instant latest = flows.stream().map(TalkerFlow::getCountedAt).max(Instant::compareTo).orElseThrow();
        harness.input(BATCHES, new StringSerializer(), TalkerBatches.serde(harness.serdes()).serializer())
                .pipeInput(ROUTER_KEY, new TalkerFlows(new ArrayList<>(flows)), latest);
    }

    private static TalkerFlow talkerFlow(String src, String dst, long bytes, long packets, Instant at) {
        return new TalkerFlow(ROUTER, src, dst, bytes, packets, at);
    }

    @Test
    void theStoresAndTheRepartitionAreNamedAfterTheAggregate() {
        TopologyDescription description = NetpulseTopology.build(TopologySettings.defaults(),
                new AvroSerdes(new InMemorySchemaRegistry())).describe();
        List<String> stores = new ArrayList<>();
        List<String> sinks = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    sinks.add(sink.topic());
                }
            }
        }
        assertThat(stores.stream().filter(store -> store.startsWith("top-talkers"))).containsExactlyInAnyOrder(
                StoreNames.TOP_TALKERS_OPEN, StoreNames.TOP_TALKERS_MINUTE, StoreNames.TOP_TALKERS_HOUR,
                StoreNames.TOP_TALKERS_SOURCE_TIME, StoreNames.TOP_TALKERS_CLOSING, StoreNames.TOP_TALKERS_BATCHES);
        assertThat(sinks.stream().filter(topic -> topic.startsWith("top-talkers")))
                .containsExactly("top-talkers-by-scope-repartition");
    }
}
