package io.netpulse.topology.ip;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.ip.IpTrafficHarness.ROUTER;
import static io.netpulse.topology.ip.IpTrafficHarness.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.IpTrafficWindowStats;
import io.netpulse.schema.aggregate.TrafficScopeStats;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IpTrafficFlowTest {

    /** An inventory address. */
    private static final String SERVER_IP = "192.0.2.10";
    /** Another inventory address, used to move stream time on. */
    private static final String OTHER_SERVER_IP = "192.0.2.20";
    /** Addresses not in the inventory. */
    private static final String FOREIGN = "203.0.113.5";
    private static final String OTHER_FOREIGN = "198.51.100.7";
    private static final LocalDate CREATED = LocalDate.parse("2025-06-01");

    private IpTrafficHarness harness;

    @BeforeEach
    void setUp() {
        harness = new IpTrafficHarness();
        harness.address(SERVER_IP, "acct-42", "srv-7", CREATED);
        harness.address(OTHER_SERVER_IP, "acct-42", "srv-8", CREATED);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Instant at(String clock) {
        return Instant.parse("2026-01-01T" + clock + "Z");
    }

    @Test
    void dayWithOneSampleMissingCountsTheSamplesPresent() {
        // 2026-01-01: 143 of the 144 ten-minute samples; the one at 13:20 had no traffic.
        // 142 samples of 344130 bytes and one of 344173: 142 x 344130 + 344173 = 49210633 bytes.
        for (int sample = 0; sample < 144; sample++) {
            Instant start = T0.plus(Duration.ofMinutes(10L * sample));
            if (start.equals(at("13:20:00"))) {
                continue;
            }
            long bytes = sample == 100 ? 344_173 : 344_130;
            harness.pipe(FOREIGN, SERVER_IP, bytes, start.plusSeconds(60));
        }
        // the last sample, 23:50 to 24:00, closes at 00:05 the next day (its end plus the 5-minute grace)
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, T0.plus(Duration.ofDays(1)).plusSeconds(300));

        TrafficScopeStats receive = scope(143, 49_210_633, 344_130, 344_173);
        TrafficScopeStats transmit = scope(143, 0, 0, 0);
        assertThat(harness.day(SERVER_IP, T0)).isEqualTo(new IpTrafficStats(receive, transmit, receive));
        // avg = sum / count, as the API answers it: the seed's 344130.3006993007
        assertThat(49_210_633.0 / 143).isEqualTo(344130.3006993007);
        assertThat(harness.hour(SERVER_IP, at("13:00:00")).getReceive()).isEqualTo(scope(5, 1_720_650, 344_130,
                344_130));
        assertThat(harness.hour(SERVER_IP, at("16:00:00")).getReceive()).isEqualTo(scope(6, 2_064_823, 344_130,
                344_173));
        assertThat(harness.sample(SERVER_IP, at("13:20:00"))).isNull();
    }

    @Test
    void hourlyAndDailyStatisticsCountSumMinAndMaxPerScope() {
        // SERVER_IP's samples (received, transmitted):
        //   00:00 (1500, 200)   00:10 (0, 3000)   00:20 (400, 100)   00:50 (2500, 0)   01:00 (700, 300)
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:01:00"));
        harness.pipe(OTHER_FOREIGN, SERVER_IP, 500, at("00:02:00"));
        harness.pipe(SERVER_IP, FOREIGN, 200, at("00:03:00"));
        harness.pipe(SERVER_IP, FOREIGN, 3000, at("00:15:00"));
        harness.pipe(FOREIGN, SERVER_IP, 400, at("00:21:00"));
        harness.pipe(SERVER_IP, OTHER_FOREIGN, 100, at("00:29:59"));
        harness.pipe(FOREIGN, SERVER_IP, 2500, at("00:55:00"));
        harness.pipe(FOREIGN, SERVER_IP, 700, at("01:01:00"));
        harness.pipe(SERVER_IP, FOREIGN, 300, at("01:02:00"));
        // closes the sample of 01:00 (end 01:10, grace 5 minutes)
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("01:15:00"));

        assertThat(harness.sample(SERVER_IP, at("00:00:00"))).isEqualTo(new IpTrafficSample(1500L, 200L));
        assertThat(harness.sample(SERVER_IP, at("00:10:00"))).isEqualTo(new IpTrafficSample(0L, 3000L));
        assertThat(harness.sample(SERVER_IP, at("00:30:00"))).isNull();
        // hour 0: 4 samples. receive 1500 + 0 + 400 + 2500 = 4400; transmit 200 + 3000 + 100 + 0 = 3300;
        // total per sample 1700, 3000, 500, 2500: sum 7700, min 500, max 3000
        assertThat(harness.hour(SERVER_IP, at("00:00:00"))).isEqualTo(new IpTrafficStats(
                scope(4, 4400, 0, 2500), scope(4, 3300, 0, 3000), scope(4, 7700, 500, 3000)));
        assertThat(harness.hour(SERVER_IP, at("01:00:00"))).isEqualTo(new IpTrafficStats(
                scope(1, 700, 700, 700), scope(1, 300, 300, 300), scope(1, 1000, 1000, 1000)));
        // the day: 5 samples; total per sample 1700, 3000, 500, 2500, 1000
        assertThat(harness.day(SERVER_IP, T0)).isEqualTo(new IpTrafficStats(
                scope(5, 5100, 0, 2500), scope(5, 3600, 0, 3000), scope(5, 8700, 500, 3000)));
    }

    @Test
    void totalIsReceivePlusTransmitSampleBySample() {
        // 00:00 received 1000, transmitted 0; 00:10 received 0, transmitted 1000
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:05:00"));
        harness.pipe(SERVER_IP, FOREIGN, 1000, at("00:15:00"));
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("00:25:00"));

        IpTrafficStats hour = harness.hour(SERVER_IP, T0);
        assertThat(hour.getReceive()).isEqualTo(scope(2, 1000, 0, 1000));
        assertThat(hour.getTransmit()).isEqualTo(scope(2, 1000, 0, 1000));
        // both samples total 1000: min and max 1000, not 0 + 0 and 1000 + 1000
        assertThat(hour.getTotal()).isEqualTo(scope(2, 2000, 1000, 1000));
    }

    @Test
    void flowBetweenTwoInventoryAddressesCountsForBoth() {
        harness.pipe(SERVER_IP, OTHER_SERVER_IP, 800, at("00:01:00"));
        harness.pipe(SERVER_IP, SERVER_IP, 50, at("00:02:00"));

        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(50L, 850L));
        assertThat(harness.sample(OTHER_SERVER_IP, T0)).isEqualTo(new IpTrafficSample(800L, 0L));
    }

    @Test
    void foreignTrafficIsNotKeptAndIsCounted() {
        harness.pipe(FOREIGN, OTHER_FOREIGN, 4000, at("00:01:00"));
        harness.pipe(OTHER_FOREIGN, FOREIGN, 600, at("00:02:00"));
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:03:00"));

        assertThat(addressesInSampleStore()).containsExactly(SERVER_IP);
        assertThat(harness.netpulseTotal(IpTrafficFlow.UNATTRIBUTED_FLOWS, ROUTER)).isEqualTo(2.0);
        assertThat(harness.netpulseTotal(IpTrafficFlow.UNATTRIBUTED_FLOWS, TopologyMetrics.ALL)).isEqualTo(2.0);
        assertThat(harness.netpulseTotal(IpTrafficFlow.UNATTRIBUTED_BYTES, ROUTER)).isEqualTo(4600.0);
        assertThat(harness.netpulseTotal(IpTrafficFlow.UNATTRIBUTED_BYTES, TopologyMetrics.ALL)).isEqualTo(4600.0);
    }

    @Test
    void addressRemovedFromTheInventoryStopsCounting() {
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:01:00"));
        harness.removeAddress(SERVER_IP);
        harness.pipe(FOREIGN, SERVER_IP, 2000, at("00:02:00"));

        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(1000L, 0L));
        assertThat(harness.netpulseTotal(IpTrafficFlow.UNATTRIBUTED_BYTES, ROUTER)).isEqualTo(2000.0);
    }

    @Test
    void samplingRateScalesTheBytes() {
        harness.pipe(flow(FOREIGN, SERVER_IP, 1500, at("00:01:00")).setPackets(15).setSamplingRate(10).build());
        harness.pipe(flow(SERVER_IP, FOREIGN, 300, at("00:02:00")).setPackets(3).setSamplingRate(100).build());

        // 1500 x 10 received, 300 x 100 transmitted
        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(15_000L, 30_000L));
    }

    @Test
    void ipv6AddressIsOneAddressWhateverItsSpelling() {
        harness.address("2001:db8::a", "acct-42", "srv-7", CREATED);
        harness.pipe(FOREIGN, "2001:0DB8:0:0:0:0:0:A", 100, at("00:01:00"));
        harness.pipe("[2001:db8::a]", FOREIGN, 200, at("00:02:00"));

        assertThat(harness.sample("2001:db8::a", T0)).isEqualTo(new IpTrafficSample(100L, 200L));
    }

    @Test
    void lateFlowWithinItsExportersLatenessCountsInItsSample() {
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:09:00"));
        harness.pipe(FOREIGN, SERVER_IP, 2000, at("00:13:00"));
        // the router's latest is 00:13:00: 00:08:00 is exactly the 5-minute lateness behind it and still counts
        harness.pipe(FOREIGN, SERVER_IP, 4000, at("00:08:00"));
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("00:25:00"));

        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(5000L, 0L));
        assertThat(harness.hour(SERVER_IP, T0).getReceive()).isEqualTo(scope(2, 7000, 2000, 5000));
        assertThat(harness.netpulseTotal("ip-traffic-late", ROUTER)).isEqualTo(0.0);
        assertThat(harness.netpulseTotal("source-stats-late", ROUTER)).isEqualTo(0.0);
        assertThat(harness.droppedRecords()).isEqualTo(0.0);
    }

    @Test
    void lateFlowBeyondItsExportersLatenessIsDroppedAndCounted() {
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:09:00"));
        harness.pipe(FOREIGN, SERVER_IP, 2000, at("00:15:00"));
        // the router's latest is 00:15:00: 00:09:59 is 5 minutes and 1 second behind it
        harness.pipe(FOREIGN, SERVER_IP, 4000, at("00:09:59"));
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("00:25:00"));

        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(1000L, 0L));
        assertThat(harness.hour(SERVER_IP, T0).getReceive()).isEqualTo(scope(2, 3000, 1000, 2000));
        // counted once by each aggregate that judged it, for the router and in total
        assertThat(harness.netpulseTotal("ip-traffic-late", ROUTER)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal("ip-traffic-late", TopologyMetrics.ALL)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal("source-stats-late", ROUTER)).isEqualTo(1.0);
    }

    @Test
    void anotherExportersBacklogMakesNoFlowLate() {
        String backlogged = "10.0.0.2";
        // the router is at 00:30; a second exporter's backlog from 00:00 arrives after it, a record at a time
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:30:00"));
        harness.pipe(flow(FOREIGN, SERVER_IP, 200, at("00:01:00")).setExporter(backlogged).build());
        harness.pipe(flow(FOREIGN, SERVER_IP, 300, at("00:11:00")).setExporter(backlogged).build());
        harness.pipe(flow(FOREIGN, SERVER_IP, 400, at("00:31:00")).setExporter(backlogged).build());

        assertThat(harness.sample(SERVER_IP, T0)).isEqualTo(new IpTrafficSample(200L, 0L));
        assertThat(harness.sample(SERVER_IP, at("00:10:00"))).isEqualTo(new IpTrafficSample(300L, 0L));
        assertThat(harness.sample(SERVER_IP, at("00:30:00"))).isEqualTo(new IpTrafficSample(1400L, 0L));
        assertThat(harness.netpulseTotal("ip-traffic-late", TopologyMetrics.ALL)).isEqualTo(0.0);
        assertThat(harness.netpulseTotal("source-stats-late", TopologyMetrics.ALL)).isEqualTo(0.0);
    }

    @Test
    void closedHoursGoToTheIpStatsTopicOnce() {
        harness.pipe(FOREIGN, SERVER_IP, 1000, at("00:01:00"));
        harness.pipe(SERVER_IP, FOREIGN, 300, at("00:41:00"));
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 500, at("00:59:59"));
        harness.pipe(FOREIGN, SERVER_IP, 2000, at("01:02:00"));
        // hour 0 closes with its last sample, at its end plus the 5-minute lateness: 01:05
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("01:04:59"));
        assertThat(harness.ipStats.isEmpty()).isTrue();

        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("01:05:00"));

        // in order of the key's bytes: "192.0.2.10" before "192.0.2.20"
        assertExactly(harness.ipStats, 
                KeyValue.pair(SERVER_IP, report(SERVER_IP, T0, scope(2, 1000, 0, 1000), scope(2, 300, 0, 300),
                        scope(2, 1300, 300, 1000))),
                KeyValue.pair(OTHER_SERVER_IP, report(OTHER_SERVER_IP, T0, scope(1, 500, 500, 500),
                        scope(1, 0, 0, 0), scope(1, 500, 500, 500))));
        harness.pipe(FOREIGN, OTHER_SERVER_IP, 1, at("01:20:00"));
        assertThat(harness.ipStats.isEmpty()).isTrue();
    }

    @Test
    void topologyNamesItsStoresAndRepartitionTopics() {
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
        assertThat(stores).contains(StoreNames.IP_TRAFFIC_SAMPLE, StoreNames.IP_TRAFFIC_HOUR,
                StoreNames.IP_TRAFFIC_DAY, StoreNames.IP_TRAFFIC_SOURCE_TIME, StoreNames.IP_TRAFFIC_CLOSING);
        assertThat(sinks.stream().filter(topic -> topic.startsWith("ip-traffic")))
                .containsExactly("ip-traffic-by-address-repartition");
        assertThat(sinks).contains("netpulse.ip-stats");
    }

    @Test
    void retentionShorterThanAWindowAndItsGraceIsRefused() {
        TopologySettings defaults = TopologySettings.defaults();
        IpSettings ip = IpSettings.defaults();
        TopologySettings settings = new TopologySettings(defaults.topics(), defaults.rates(), defaults.flows(),
                defaults.exporters(), new IpSettings(ip.sampleLength(), ip.sampleRetention(), Duration.ofMinutes(69), ip.dayRetention()));

        assertThatThrownBy(() -> NetpulseTopology.build(settings, new AvroSerdes(new InMemorySchemaRegistry())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the IP traffic hour retention PT1H9M must cover one window plus its grace: at least"
                        + " PT1H10M");
    }

    private List<String> addressesInSampleStore() {
        List<String> addresses = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<IpTrafficSample>> samples = harness.driver
                .<String, IpTrafficSample>getTimestampedWindowStore(StoreNames.IP_TRAFFIC_SAMPLE).all()) {
            samples.forEachRemaining(sample -> addresses.add(sample.key.key()));
        }
        return addresses;
    }

    private static TrafficScopeStats scope(long count, long sum, long min, long max) {
        return new TrafficScopeStats(count, sum, min, max);
    }

    private static IpTrafficWindowStats report(String address, Instant hour, TrafficScopeStats receive,
                                               TrafficScopeStats transmit, TrafficScopeStats total) {
        return new IpTrafficWindowStats(address, hour, hour.plus(Duration.ofHours(1)), 600_000L, receive, transmit,
                total);
    }
}
