package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.Topics;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.ingest.Ingest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Telegraf path through {@link TelegrafCounters#samples}, fed with metrics shaped exactly as Telegraf's json
 * serializer writes them (keys sorted, one metric per record, trailing newline), device 192.0.2.1.
 */
class TelegrafCountersTest {

    static final String DEVICE = "192.0.2.1";
    static final String SAMPLES = "test.telegraf-samples";
    static final Ingest.TimeBounds BOUNDS = new Ingest.TimeBounds(Duration.ofDays(1), Duration.ofDays(30));

    private TopologyHarness harness;
    private TestInputTopic<byte[], byte[]> telegraf;
    private TestOutputTopic<InterfaceKey, CounterSample> samples;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Topology topology;

    @BeforeEach
    void start() {
        TopologySettings settings = TopologySettings.defaults();
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry());
        Topics topics = Topics.of(settings.topics(), serdes);
        StreamsBuilder builder = new StreamsBuilder();
        TelegrafCounters.samples(builder, topics, ExporterSettings.Telegraf.defaults(), BOUNDS)
                .to(SAMPLES, Produced.with(InterfaceKey.serde(), serdes.internal(CounterSample.class)));
        topology = builder.build();
        harness = TopologyHarness.start(topology, serdes, settings, T0);
        telegraf = harness.input(settings.topics().telegraf(), new ByteArraySerializer(), new ByteArraySerializer());
        samples = harness.output(SAMPLES, InterfaceKey.serde().deserializer(),
                serdes.internal(CounterSample.class).deserializer());
        deadLetters = harness.output(settings.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void mergesIfTableAndIfXTableRowsIntoOne64BitSampleWithTheUptimeOfThePoll() {
        // Telegraf gathers the top-level fields, then walks ifTable, then ifXTable (a second later here).
        pipe(uptime(113_319.74, 0));
        pipe(ifTableRow(2, "eth0", 3_852_386_380L, 434_865_441L, 0));
        pipe(ifXTableRow(2, 918_273_645_501L, 1_029_384_756_102L, 1));
        assertThat(samples.isEmpty()).as("the poll is open until the device moves on").isTrue();

        pipe(uptime(113_379.74, 60));

        assertThat(samples.readRecordsToList()).containsExactly(record(sample(2, 1, 11_331_974L,
                918_273_645_501L, 1_029_384_756_102L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.SAMPLE, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void theDevicesNextPollClosesEachOpenPollOnceInTheOrderOfItsKey() {
        // Twelve interfaces, interface i at 1,000 i octets in and 2,000 i out; the uptime of the next poll closes
        // all twelve at once. Their keys sort as text: 192.0.2.1|1, |10, |11, |12, |2, ... |9.
        for (int ifIndex = 1; ifIndex <= 12; ifIndex++) {
            pipe(ifXTableRow(ifIndex, 1_000L * ifIndex, 2_000L * ifIndex, 0));
        }
        pipe(uptime(60.0, 60));

        List<TestRecord<InterfaceKey, CounterSample>> expected = new ArrayList<>();
        for (int ifIndex : new int[] {1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9}) {
            expected.add(record(sample(ifIndex, 0, null, 1_000L * ifIndex, 2_000L * ifIndex, 64, 10_000_000_000L,
                    "Te0/1")));
        }
        assertThat(samples.readRecordsToList()).containsExactlyElementsOf(expected);
        assertThat(count(TelegrafMerge.SAMPLE, DEVICE)).isEqualTo(12.0);
    }

    @Test
    void matchesARowWithoutIndexByTheNameAnIndexedRowOfTheDeviceCarries() {
        // Poll 1: the name-only row arrives first and waits for the ifTable row naming ifIndex 2 "eth0".
        pipe(ifXTableRowNamed("eth0", 5_000L, 6_000L, 0));
        pipe(ifTableRow(2, "eth0", 50L, 60L, 1));
        // Poll 2: "eth0" is known now, so the name-only row resolves at once.
        pipe(ifXTableRowNamed("eth0", 5_800L, 6_900L, 60));
        pipe(ifTableRow(2, "eth0", 850L, 960L, 61));
        pipe(uptime(300.0, 120));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 5_000L, 6_000L, 64, 10_000_000_000L, "eth0")),
                record(sample(2, 60, null, 5_800L, 6_900L, 64, 10_000_000_000L, "eth0")));
        assertThat(count(TelegrafMerge.INTERFACE_UNRESOLVED, DEVICE)).isZero();
    }

    @Test
    void countsAndDropsARowWhoseNameNoIndexedRowCarries() {
        pipe(ifXTableRowNamed("Te0/9", 5_000L, 6_000L, 0));
        pipe(uptime(300.0, 60));

        assertThat(samples.isEmpty()).isTrue();
        assertThat(count(TelegrafMerge.INTERFACE_UNRESOLVED, DEVICE)).isEqualTo(1.0);
        assertThat(count(TelegrafMerge.INTERFACE_UNRESOLVED, TopologyMetrics.ALL)).isEqualTo(1.0);
    }

    @Test
    void passesA32BitWrapInIfTableRowsThroughAs32BitSamples() {
        // 4294967000 -> 200 is a wrap of 2^32: 200 + 2^32 - 4294967000 = 496 octets; the rates compute it.
        pipe(uptime(100.0, 0));
        pipe(ifTableRow(2, "eth0", 4_294_967_000L, 100L, 0));
        pipe(uptime(160.0, 60));
        pipe(ifTableRow(2, "eth0", 200L, 300L, 60));
        pipe(uptime(220.0, 120));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, 10_000L, 4_294_967_000L, 100L, 32, 1_000_000_000L, "eth0")),
                record(sample(2, 60, 16_000L, 200L, 300L, 32, 1_000_000_000L, "eth0")));
    }

    @Test
    void carriesACounter64AboveLongMaxAsItsBits() {
        // 18446744073709551000 = 2^64 - 616: the long holds the same 64 bits, -616.
        pipe(ifXTableRow(3, Long.parseUnsignedLong("18446744073709551000"), 7L, 0));
        pipe(uptime(1.0, 60));

        assertThat(samples.readRecordsToList()).containsExactly(record(sample(3, 0, null, -616L, 7L, 64,
                10_000_000_000L, "Te0/1")));
    }

    @Test
    void holdsBackA32BitOnlyPollOfAnInterfaceThatGave64BitCounters() {
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        pipe(ifXTableRow(2, 1_000L, 2_000L, 0));
        pipe(ifTableRow(2, "eth0", 700L, 800L, 60)); // the ifXTable walk of this poll timed out
        pipe(ifTableRow(2, "eth0", 1_300L, 1_400L, 120));
        pipe(ifXTableRow(2, 13_000L, 14_000L, 121));
        pipe(uptime(1.0, 180));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 1_000L, 2_000L, 64, 10_000_000_000L, "Te0/1")),
                record(sample(2, 121, null, 13_000L, 14_000L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.POLL_32_BIT_ONLY, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void dropsARowArrivingAfterItsPollWasEmitted() {
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        pipe(uptime(1.0, 60));
        pipe(ifXTableRow(2, 1_000L, 2_000L, 1)); // poll 1's ifXTable row, after the device moved on

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 100L, 200L, 32, 1_000_000_000L, "eth0")));
        assertThat(count(TelegrafMerge.ROW_LATE, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void attachesOnlyTheUptimeOfTheSamePoll() {
        pipe(uptime(100.0, 0));
        pipe(ifTableRow(2, "eth0", 100L, 200L, 1));
        pipe(ifTableRow(2, "eth0", 700L, 800L, 60)); // no uptime metric in this poll
        pipe(ifTableRow(2, "eth0", 1_300L, 1_400L, 120));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 1, 10_000L, 100L, 200L, 32, 1_000_000_000L, "eth0")),
                record(sample(2, 60, null, 700L, 800L, 32, 1_000_000_000L, "eth0")));
    }

    @Test
    void aRowStampedInTheFutureDoesNotSplitTheDevicesLaterPolls() {
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        pipe(ifXTableRow(2, 1_000L, 2_000L, 1));
        pipe(ifTableRow(9, "eth9", 5L, 6L, 3_600)); // an agent clock an hour ahead, once
        pipe(ifTableRow(2, "eth0", 700L, 800L, 60));
        pipe(ifXTableRow(2, 7_000L, 8_000L, 61));
        pipe(ifTableRow(2, "eth0", 1_300L, 1_400L, 120));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 1, null, 1_000L, 2_000L, 64, 10_000_000_000L, "Te0/1")),
                record(sample(2, 61, null, 7_000L, 8_000L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.ROW_LATE, DEVICE)).isZero();
    }

    @Test
    void emitsAPollOnceThePollWindowHasPassedByTheWallClock() {
        pipe(uptime(113_319.74, 0));
        pipe(ifTableRow(2, "eth0", 3_852_386_380L, 434_865_441L, 0));
        pipe(ifXTableRow(2, 918_273_645_501L, 1_029_384_756_102L, 1));
        harness.advance(Duration.ofMillis(4_999));
        assertThat(samples.isEmpty()).as("4.999 s after its first row arrived, the poll is open").isTrue();

        harness.advance(Duration.ofMillis(1));

        // The very sample the device's next poll closes it with (see the first test): 64-bit counters, the
        // ifXTable row's time, the uptime 113319.74 s of the same poll.
        assertThat(samples.readRecordsToList()).containsExactly(record(sample(2, 1, 11_331_974L,
                918_273_645_501L, 1_029_384_756_102L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.SAMPLE, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void theNextPollClosesAPollBeforeTheWallClockAndItIsNotEmittedTwice() {
        pipe(uptime(113_319.74, 0));
        pipe(ifTableRow(2, "eth0", 3_852_386_380L, 434_865_441L, 0));
        pipe(ifXTableRow(2, 918_273_645_501L, 1_029_384_756_102L, 1));
        pipe(uptime(113_379.74, 60));
        pipe(ifTableRow(2, "eth0", 3_859_886_380L, 436_740_441L, 60));
        pipe(ifXTableRow(2, 918_281_145_501L, 1_029_386_631_102L, 61));
        assertThat(samples.readRecordsToList()).as("no wall-clock time has passed").containsExactly(record(
                sample(2, 1, 11_331_974L, 918_273_645_501L, 1_029_384_756_102L, 64, 10_000_000_000L, "Te0/1")));

        harness.advance(Duration.ofSeconds(5));

        // The second poll, by the wall clock, with its own uptime (113379.74 s); the first is not emitted again.
        assertThat(samples.readRecordsToList()).containsExactly(record(sample(2, 61, 11_337_974L,
                918_281_145_501L, 1_029_386_631_102L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.SAMPLE, DEVICE)).isEqualTo(2.0);
    }

    @Test
    void emitsTheLastPollOfADeviceThatStops() {
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        pipe(ifTableRow(2, "eth0", 700L, 800L, 60));
        pipe(ifTableRow(2, "eth0", 1_300L, 1_400L, 120)); // then the device falls silent
        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 100L, 200L, 32, 1_000_000_000L, "eth0")),
                record(sample(2, 60, null, 700L, 800L, 32, 1_000_000_000L, "eth0")));

        harness.advance(Duration.ofSeconds(5));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 120, null, 1_300L, 1_400L, 32, 1_000_000_000L, "eth0")));
    }

    @Test
    void aRepeatedRowOfAPollIsADuplicateAndTheFirstWins() {
        pipe(ifXTableRow(2, 1_000L, 2_000L, 0));
        pipe(ifXTableRow(2, 1_500L, 2_500L, 0)); // the same table's row of the same poll again, other values
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0)); // the poll's other table: merged, not a duplicate
        harness.advance(Duration.ofSeconds(5));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 1_000L, 2_000L, 64, 10_000_000_000L, "Te0/1")));
        assertThat(count(TelegrafMerge.ROW_DUPLICATE, DEVICE)).isEqualTo(1.0);
        assertThat(count(TelegrafMerge.ROW_DUPLICATE, TopologyMetrics.ALL)).isEqualTo(1.0);
    }

    @Test
    void aRepeatedUptimeOfAPollIsADuplicateAndTheFirstWins() {
        pipe(uptime(100.0, 0));
        pipe(uptime(250.0, 0));
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        harness.advance(Duration.ofSeconds(5));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, 10_000L, 100L, 200L, 32, 1_000_000_000L, "eth0")));
        assertThat(count(TelegrafMerge.ROW_DUPLICATE, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void aRowOfAPollTheWallClockEmittedIsDroppedAsLate() {
        pipe(ifTableRow(2, "eth0", 100L, 200L, 0));
        harness.advance(Duration.ofSeconds(5));
        pipe(ifXTableRow(2, 1_000L, 2_000L, 1)); // the poll's ifXTable row, delivered after the wait
        harness.advance(Duration.ofSeconds(5));

        assertThat(samples.readRecordsToList()).containsExactly(
                record(sample(2, 0, null, 100L, 200L, 32, 1_000_000_000L, "eth0")));
        assertThat(count(TelegrafMerge.ROW_LATE, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void countsAPollWithoutOctetCounters() {
        String speedOnly = "{\"fields\":{\"ifHighSpeed\":1000},\"name\":\"interface\",\"tags\":{\"agent_host\":\""
                + DEVICE + "\",\"index\":\"4\"},\"timestamp\":" + T0.getEpochSecond() + "}\n";
        pipe(speedOnly);
        pipe(uptime(1.0, 60));

        assertThat(samples.isEmpty()).isTrue();
        assertThat(count(TelegrafMerge.POLL_WITHOUT_COUNTERS, DEVICE)).isEqualTo(1.0);
    }

    @Test
    void skipsOtherMeasurementsAndDeadLettersMalformedMetrics() {
        String cpu = "{\"fields\":{\"usage_idle\":98.5},\"name\":\"cpu\",\"tags\":{\"cpu\":\"cpu-total\","
                + "\"host\":\"collector1\"},\"timestamp\":" + T0.getEpochSecond() + "}\n";
        String noDevice = "{\"fields\":{\"ifInOctets\":1,\"ifOutOctets\":2},\"name\":\"interface\",\"tags\":"
                + "{\"ifIndex\":\"2\"},\"timestamp\":" + T0.getEpochSecond() + "}\n";
        pipe(cpu);
        pipe(noDevice);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(noDevice);
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME))
                .isEqualTo("interface metric: no 'source' or 'agent_host' tag naming the device");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo("telegraf");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)).isEqualTo("1");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(count("ingest-skipped", "telegraf")).isEqualTo(1.0);
        assertThat(count("ingest-rejected", "telegraf")).isEqualTo(1.0);
        assertThat(samples.isEmpty()).isTrue();
    }

    @Test
    void namesItsStoresAndRepartitionsByDevice() {
        String description = topology.describe().toString();
        assertThat(description).contains(StoreNames.TELEGRAF_DEVICE_UPTIME, StoreNames.TELEGRAF_INTERFACE_POLLS,
                StoreNames.TELEGRAF_INTERFACE_NAMES, StoreNames.TELEGRAF_BATCHES,
                TelegrafCounters.BY_DEVICE + "-repartition");
        RowBatch row = RowBatch.of(new UptimeRow(DEVICE, T0, 1));
        for (int partitions : new int[] {1, 3, 12, 64}) {
            assertThat(new TelegrafCounters.DevicePartitioner().partitions("t", DEVICE, row, new RecordHeaders(),
                    partitions))
                    .isEqualTo(InterfaceKey.partitioner().partitions("t", new InterfaceKey(DEVICE, 7), null,
                            new RecordHeaders(), partitions));
        }
    }

    private void pipe(String metric) {
        telegraf.pipeInput(metric.getBytes(StandardCharsets.UTF_8));
    }

    static String uptime(double seconds, long second) {
        return "{\"fields\":{\"sysUptime\":" + seconds + "},\"name\":\"snmp\",\"tags\":{\"agent_host\":\""
                + DEVICE + "\",\"sysName\":\"rtr1.example.net\"},\"timestamp\":" + (T0.getEpochSecond() + second)
                + "}\n";
    }

    /** The README's ifTable row with its counters, ifIndex tag and ifDescr tag replaced. */
    static String ifTableRow(int ifIndex, String ifDescr, long inOctets, long outOctets, long second) {
        return "{\"fields\":{\"ifAdminStatus\":1,\"ifInDiscards\":0,\"ifInErrors\":0,\"ifInNUcastPkts\":21,"
                + "\"ifInOctets\":" + inOctets + ",\"ifInUcastPkts\":3634004,\"ifInUnknownProtos\":0,"
                + "\"ifLastChange\":9088763,\"ifMtu\":1500,\"ifOperStatus\":1,\"ifOutDiscards\":0,\"ifOutErrors\":0,"
                + "\"ifOutNUcastPkts\":0,\"ifOutOctets\":" + outOctets + ",\"ifOutQLen\":0,\"ifOutUcastPkts\":2110394,"
                + "\"ifPhysAddress\":\"c8:5b:76:c9:e6:8c\",\"ifSpecific\":\".0.0\",\"ifSpeed\":1000000000,"
                + "\"ifType\":6},\"name\":\"interface\",\"tags\":{\"agent_host\":\"" + DEVICE + "\",\"ifDescr\":\""
                + ifDescr + "\",\"ifIndex\":\"" + ifIndex + "\",\"sysName\":\"rtr1.example.net\"},\"timestamp\":"
                + (T0.getEpochSecond() + second) + "}\n";
    }

    /** The ifXTable row of EXPORTERS.md with index_as_tag = true, as README tells users to configure it. */
    static String ifXTableRow(int index, long hcInOctets, long hcOutOctets, long second) {
        return ifXTableRow("\"ifName\":\"Te0/1\",\"index\":\"" + index + "\"", hcInOctets, hcOutOctets, second);
    }

    /** An ifXTable row without index tag, carrying ifDescr as a tag as the old CONFIG-EXAMPLES tables did. */
    static String ifXTableRowNamed(String ifDescr, long hcInOctets, long hcOutOctets, long second) {
        return ifXTableRow("\"ifDescr\":\"" + ifDescr + "\"", hcInOctets, hcOutOctets, second);
    }

    private static String ifXTableRow(String identityTags, long hcInOctets, long hcOutOctets, long second) {
        return "{\"fields\":{\"ifAlias\":\"uplink-core1\",\"ifConnectorPresent\":1,\"ifCounterDiscontinuityTime\":0,"
                + "\"ifHCInBroadcastPkts\":1200,\"ifHCInMulticastPkts\":5400,\"ifHCInOctets\":"
                + Long.toUnsignedString(hcInOctets) + ",\"ifHCInUcastPkts\":812736451,\"ifHCOutBroadcastPkts\":300,"
                + "\"ifHCOutMulticastPkts\":4100,\"ifHCOutOctets\":" + Long.toUnsignedString(hcOutOctets)
                + ",\"ifHCOutUcastPkts\":902837465,\"ifHighSpeed\":10000,\"ifInBroadcastPkts\":1200,"
                + "\"ifInMulticastPkts\":5400,\"ifLinkUpDownTrapEnable\":1,\"ifOutBroadcastPkts\":300,"
                + "\"ifOutMulticastPkts\":4100,\"ifPromiscuousMode\":2},\"name\":\"interface\",\"tags\":"
                + "{\"agent_host\":\"" + DEVICE + "\"," + identityTags + ",\"sysName\":\"rtr1.example.net\"},"
                + "\"timestamp\":" + (T0.getEpochSecond() + second) + "}\n";
    }

    static CounterSample sample(int ifIndex, long second, Long sysUpTime, long in, long out, int width, Long speed,
                                String name) {
        return new CounterSample(DEVICE, ifIndex, null, T0.plusSeconds(second), sysUpTime, in, out, width, speed,
                name);
    }

    static TestRecord<InterfaceKey, CounterSample> record(CounterSample sample) {
        return new TestRecord<>(new InterfaceKey(sample.getDevice(), sample.getIfIndex()), sample,
                new RecordHeaders(), sample.getPollTime());
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private double count(String event, String entity) {
        return harness.netpulseTotal(event, entity);
    }
}
