package io.netpulse.topology.inputs.flows.goflow2;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologyMetrics;
import io.netpulse.topology.TopologySettings.FlowSettings;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.ingest.goflow2.pb.FlowMessage;
import io.netpulse.topology.ingest.goflow2.pb.FlowType;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafWire;
import io.netpulse.topology.inputs.flows.FlowRecords;
import io.netpulse.topology.inputs.ingest.DeadLetters;
import io.netpulse.topology.rates.RateBucket;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 end to end for goflow2: flows written to {@code flow-messages} exactly as goflow2 writes them (one
 * compact JSON object per record with every field, or one varint-delimited protobuf FlowMessage) go through the
 * whole topology to the per-source statistics, scaled by their sampling rate (goflow2 never scales).
 *
 * <p>The same four sFlow samples (start = end = receive time, as goflow2 stamps sFlow) are used in both formats,
 * sampled 1 in 100:
 * <pre>
 *   received   bytes packets   x100: bytes    packets
 *   00:00:10.2  1500    1            150 000      100
 *   00:00:10.7   640   10             64 000    1 000
 *   00:00:25.0  9000    6            900 000      600
 *   00:01:10.5  1500    1            150 000      100
 * </pre>
 * so second 10 of minute 0 holds 2 flows, 214 000 bytes, 1 100 packets and second 25 holds 1, 900 000, 600.
 */
class GoflowFlowStatsTest {

    private static final String SFLOW_AGENT = "192.0.2.1";
    private static final String REASON = ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME;
    private SourceStatsHarness harness;
    private TestInputTopic<byte[], byte[]> flowMessages;

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(ExporterSettings.Goflow2 goflow2, long defaultSamplingRate) {
        start(goflow2, defaultSamplingRate, TopicNames.defaults());
    }

    private void start(ExporterSettings.Goflow2 goflow2, long defaultSamplingRate, TopicNames topics) {
        TopologySettings defaults = TopologySettings.defaults();
        FlowSettings flows = defaults.flows();
        harness = new SourceStatsHarness(new TopologySettings(topics, defaults.rates(),
                new FlowSettings(flows.grace(), flows.secondRetention(), flows.minuteRetention(),
                        flows.hourRetention(), defaultSamplingRate),
                new ExporterSettings(ExporterSettings.Telegraf.defaults(), goflow2), defaults.ip()));
        flowMessages = input(defaults.topics().flowMessages());
    }

    private TestInputTopic<byte[], byte[]> input(String topic) {
        return harness.driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** goflow2 writes records unkeyed, round-robin; the record timestamp is the producer's. */
    private void pipe(byte[] message, Instant at) {
        flowMessages.pipeInput(null, message, at);
    }

    @Test
    void jsonFlowsAreScaledBySamplingRateInEverySecondMinuteAndHour() {
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, Map.of()), 1);

        pipeReadmeFlowsAsJson();

        assertReadmeFlowsCounted(SFLOW_AGENT);
        assertThat(harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, TopologyMetrics.ALL)).isZero();
        assertThat(harness.deadLetters.isEmpty()).isTrue();

        // Minute 0 ends at 00:01 and closes once the agent's own clock is 5 minutes (the lateness) later: its
        // flow at 00:06. Another agent's later flow closes none of its minutes.
        pipe(json("192.0.2.9", 100, 1500, 1, T0.plusSeconds(3600)), T0.plusSeconds(3600));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
        pipe(json(SFLOW_AGENT, 100, 1500, 1, T0.plusSeconds(360)), T0.plusSeconds(360));

        assertExactly(harness.sourceStats, KeyValue.pair(SFLOW_AGENT,
                new SourceWindowStats(SFLOW_AGENT, T0, T0.plusSeconds(60), 3L, 1_114_000L, 0L, 1_700L, 0L,
                        2L, 900_000L, 1_100L)));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
    }

    @Test
    void protobufFlowsCountExactlyAsTheirJson() {
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.PROTOBUF, Map.of()), 1);
        String agent = "2001:db8::1";

        pipe(protobuf(agent, 100, 1500, 1, T0.plusMillis(10_200)), T0.plusMillis(10_200));
        pipe(protobuf(agent, 100, 640, 10, T0.plusMillis(10_700)), T0.plusMillis(10_700));
        pipe(protobuf(agent, 100, 9000, 6, T0.plusSeconds(25)), T0.plusSeconds(25));
        pipe(protobuf(agent, 100, 1500, 1, T0.plusMillis(70_500)), T0.plusMillis(70_500));

        assertReadmeFlowsCounted(agent);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    /**
     * An operator whose collectors are all goflow2 reads it alone: the flows' input task then has no empty
     * {@code netpulse.flows} or {@code pmacct.acct} partition to check on every flow, and the flows count as they
     * do with every input read.
     */
    @Test
    void goflow2ReadAloneCountsTheSameAndTheOtherFlowTopicsAreNotRead() {
        TopicNames goflow2Alone = TopicNames.defaults().reading(
                EnumSet.of(TopicNames.Input.FLOW_MESSAGES, TopicNames.Input.TELEGRAF));
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, Map.of()), 1, goflow2Alone);

        pipeReadmeFlowsAsJson();

        assertReadmeFlowsCounted(SFLOW_AGENT);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        for (String unread : List.of("netpulse.flows", "pmacct.acct")) {
            assertThatThrownBy(() -> input(unread).pipeInput(null, new byte[] {0}, T0.plusSeconds(30)))
                    .as(unread).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(unread);
        }
    }

    /** The four flows of the class comment, from {@link #SFLOW_AGENT}, as goflow2's JSON. */
    private void pipeReadmeFlowsAsJson() {
        pipe(json(SFLOW_AGENT, 100, 1500, 1, T0.plusMillis(10_200)), T0.plusMillis(10_200));
        pipe(json(SFLOW_AGENT, 100, 640, 10, T0.plusMillis(10_700)), T0.plusMillis(10_700));
        pipe(json(SFLOW_AGENT, 100, 9000, 6, T0.plusSeconds(25)), T0.plusSeconds(25));
        pipe(json(SFLOW_AGENT, 100, 1500, 1, T0.plusMillis(70_500)), T0.plusMillis(70_500));
    }

    private void assertReadmeFlowsCounted(String agent) {
        assertThat(seconds(agent, T0)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 2L, 214_000L, 0L, 1_100L, 0L),
                new SecondSlot(25, 1L, 900_000L, 0L, 600L, 0L))));
        assertThat(seconds(agent, T0.plusSeconds(60))).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(10, 1L, 150_000L, 0L, 100L, 0L))));
        // Peaks are the busiest second of each count: flows and packets in second 10, bytes in second 25.
        assertThat(minute(agent, T0)).isEqualTo(new SourceStats(3L, 1_114_000L, 0L, 1_700L, 0L,
                2L, 900_000L, 1_100L));
        assertThat(minute(agent, T0.plusSeconds(60))).isEqualTo(new SourceStats(1L, 150_000L, 0L, 100L, 0L,
                1L, 150_000L, 100L));
        assertThat(hour(agent, T0)).isEqualTo(new SourceStats(4L, 1_264_000L, 0L, 1_800L, 0L,
                2L, 900_000L, 1_100L));
    }

    @Test
    void samplingRateZeroTakesTheExportersOwnRateElseTheDefault() {
        // Default 10; 192.0.2.2 is known to sample 1 in 512, and 2001:db8::2 (configured in another spelling)
        // 1 in 2048. goflow2 reports 0 for a NetFlow v9/IPFIX exporter until its options data arrive.
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON,
                Map.of("192.0.2.2", 512L, "2001:0DB8:0:0:0:0:0:2", 2048L)), 10);

        pipe(json("192.0.2.2", 0, 1500, 1, T0.plusSeconds(5)), T0.plusSeconds(5));     // x512
        pipe(json("192.0.2.2", 0, 100, 2, T0.plusSeconds(6)), T0.plusSeconds(6));      // x512
        pipe(json("192.0.2.2", 256, 1000, 1, T0.plusSeconds(7)), T0.plusSeconds(7));   // its options arrived: x256
        pipe(json("192.0.2.3", 0, 1500, 1, T0.plusSeconds(8)), T0.plusSeconds(8));     // no own rate: x10
        pipe(json("2001:db8::2", 0, 1000, 1, T0.plusSeconds(9)), T0.plusSeconds(9));   // x2048

        // 192.0.2.2: 768 000 + 51 200 + 256 000 bytes, 512 + 1 024 + 256 packets
        assertThat(minute("192.0.2.2", T0)).isEqualTo(new SourceStats(3L, 1_075_200L, 0L, 1_792L, 0L,
                1L, 768_000L, 1_024L));
        assertThat(minute("192.0.2.3", T0)).isEqualTo(new SourceStats(1L, 15_000L, 0L, 10L, 0L,
                1L, 15_000L, 10L));
        assertThat(minute("2001:db8::2", T0)).isEqualTo(new SourceStats(1L, 2_048_000L, 0L, 2_048L, 0L,
                1L, 2_048_000L, 2_048L));
        assertThat(Map.of(
                "192.0.2.2", harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, "192.0.2.2"),
                "192.0.2.3", harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, "192.0.2.3"),
                "2001:db8::2", harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, "2001:db8::2"),
                "all", harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, TopologyMetrics.ALL)))
                .isEqualTo(Map.of("192.0.2.2", 2.0, "192.0.2.3", 1.0, "2001:db8::2", 1.0, "all", 4.0));
    }

    @Test
    void nonIpSampleWithoutAddressesCountsForItsExporter() {
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, Map.of()), 1);
        // An sFlow sample of an ARP frame (derived from goflow2's renderers: no IP header, so both addresses
        // render as "", etype as "ARP", proto 0 as "HOPOPT", an empty address's prefix as "invalid Prefix").
        String arp = new String(json(SFLOW_AGENT, 100, 64, 1, T0.plusSeconds(3)), StandardCharsets.UTF_8)
                .replace("\"src_addr\":\"fd01::1\",\"dst_addr\":\"fd01::2\",\"etype\":\"IPv6\",\"proto\":\"TCP\","
                        + "\"src_port\":443,\"dst_port\":50001",
                        "\"src_addr\":\"\",\"dst_addr\":\"\",\"etype\":\"ARP\",\"proto\":\"HOPOPT\","
                                + "\"src_port\":0,\"dst_port\":0")
                .replace("\"ip_ttl\":64", "\"ip_ttl\":0")
                .replace("\"tcp_flags\":16", "\"tcp_flags\":0")
                .replace("\"src_net\":\"::/0\",\"dst_net\":\"::/0\"",
                        "\"src_net\":\"invalid Prefix\",\"dst_net\":\"invalid Prefix\"")
                .replace("\"layer_stack\":[\"Ethernet\",\"IPv6\",\"TCP\"],\"layer_size\":[14,40,20]",
                        "\"layer_stack\":[\"Ethernet\"],\"layer_size\":[14]");
        pipe(json(SFLOW_AGENT, 100, 1500, 1, T0.plusSeconds(3)), T0.plusSeconds(3));
        pipe(arp.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(3));

        // Both samples are traffic the agent saw: 150 000 + 6 400 bytes, 100 + 100 packets.
        assertThat(minute(SFLOW_AGENT, T0)).isEqualTo(new SourceStats(2L, 156_400L, 0L, 200L, 0L,
                2L, 156_400L, 200L));
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void malformedTelegrafAndGoflowJsonMessagesGoToTheDeadLetterTopicWhileTotalsStayExact() {
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, Map.of()), 1);
        TestInputTopic<byte[], byte[]> telegraf = input("telegraf");
        byte[] device = SFLOW_AGENT.getBytes(StandardCharsets.UTF_8);
        TelegrafWire wire = TelegrafWire.CURRENT;

        pipe(json(SFLOW_AGENT, 100, 1500, 1, T0.plusSeconds(10)), T0.plusSeconds(10));
        // A record cut short, as a broken producer or a size limit leaves it.
        byte[] line = json(SFLOW_AGENT, 100, 9000, 6, T0.plusSeconds(11));
        byte[] truncatedJson = Arrays.copyOf(line, 120);
        pipe(truncatedJson, T0.plusSeconds(11));
        pipe(json(SFLOW_AGENT, 100, 640, 10, T0.plusSeconds(12)), T0.plusSeconds(12));

        telegraf.pipeInput(device, wire.uptime(SFLOW_AGENT, T0, 10_000), T0);
        telegraf.pipeInput(device, wire.ifTableRow(SFLOW_AGENT, 2, "eth0", T0, 1_000, 2_000), T0);
        // Telegraf's output left at data_format = "influx" for one agent: line protocol instead of JSON.
        byte[] lineProtocol = ("interface,host=telegraf-1,ifIndex=2,source=192.0.2.1 ifInOctets=4000000i,"
                + "ifOutOctets=1000000i 1767225630000000000\n").getBytes(StandardCharsets.UTF_8);
        telegraf.pipeInput(device, lineProtocol, T0.plusSeconds(30));
        telegraf.pipeInput(device, wire.uptime(SFLOW_AGENT, T0.plusSeconds(60), 16_000), T0.plusSeconds(60));
        telegraf.pipeInput(device, wire.ifTableRow(SFLOW_AGENT, 2, "eth0", T0.plusSeconds(60), 7_501_000, 1_877_000),
                T0.plusSeconds(60));
        telegraf.pipeInput(device, wire.uptime(SFLOW_AGENT, T0.plusSeconds(120), 22_000), T0.plusSeconds(120));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::value).containsExactly(truncatedJson, lineProtocol);
        assertThat(dead).extracting(record -> header(record, REASON))
                .containsExactly(
                        "not a goflow2 JSON flow: Unexpected end-of-input in VALUE_STRING",
                        "not a JSON metric: Unrecognized token 'interface': was expecting (JSON String, Number,"
                                + " Array, Object or token 'null', 'true' or 'false')");
        assertThat(dead).extracting(record -> header(record, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)
                        + "/" + header(record, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME)
                        + "/" + header(record, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)
                        + " " + header(record, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME))
                .containsExactly("flow-messages/0/1 " + DeadLetters.REJECTED, "telegraf/0/2 " + DeadLetters.REJECTED);
        // The totals hold exactly the valid records: 150 000 + 64 000 bytes, 100 + 1 000 packets, and the
        // interface's 7 500 000 octets in, 1 875 000 out over 00:00..00:01.
        assertThat(minute(SFLOW_AGENT, T0)).isEqualTo(new SourceStats(2L, 214_000L, 0L, 1_100L, 0L,
                1L, 150_000L, 1_000L));
        assertThat(interfaceMinute(new InterfaceKey(SFLOW_AGENT, 2), T0))
                .isEqualTo(new RateBucket(7_500_000L, 1_875_000L, 60_000L));
        assertThat(Map.of("goflow2", harness.netpulseTotal("ingest-rejected", "flow-messages"),
                "telegraf", harness.netpulseTotal("ingest-rejected", "telegraf")))
                .isEqualTo(Map.of("goflow2", 1.0, "telegraf", 1.0));
    }

    @Test
    void malformedProtobufMessageGoesToTheDeadLetterTopicWhileTotalsStayExact() {
        start(new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.PROTOBUF, Map.of()), 1);

        pipe(protobuf(SFLOW_AGENT, 100, 1500, 1, T0.plusSeconds(10)), T0.plusSeconds(10));
        byte[] whole = protobuf(SFLOW_AGENT, 100, 9000, 6, T0.plusSeconds(11));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        pipe(truncated, T0.plusSeconds(11));
        pipe(protobuf(SFLOW_AGENT, 100, 640, 10, T0.plusSeconds(12)), T0.plusSeconds(12));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::value).containsExactly(truncated);
        assertThat(dead).extracting(record -> header(record, REASON))
                .containsExactly("not a varint-length-delimited goflow2 FlowMessage: While parsing a protocol"
                        + " message, the input ended unexpectedly in the middle of a field.  This could mean either"
                        + " that the input has been truncated or that an embedded message misreported its own"
                        + " length.");
        assertThat(dead).extracting(record -> header(record, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME))
                .containsExactly("1");
        assertThat(minute(SFLOW_AGENT, T0)).isEqualTo(new SourceStats(2L, 214_000L, 0L, 1_100L, 0L,
                1L, 150_000L, 1_000L));
    }

    /**
     * goflow2 -format=json's line for an sFlow sample (EXPORTERS.md 1a: every field, compact, no newline), its
     * README values replaced by these.
     */
    static byte[] json(String samplerAddress, long samplingRate, long bytes, long packets, Instant received) {
        String ns = Long.toString(nanos(received));
        String line = GoflowJsonParserTest.EMITTED_LINE
                .replace("\"time_received_ns\":1681583295157626000", "\"time_received_ns\":" + ns)
                .replace("\"time_flow_start_ns\":1681583295157626000", "\"time_flow_start_ns\":" + ns)
                .replace("\"time_flow_end_ns\":1681583295157626000", "\"time_flow_end_ns\":" + ns)
                .replace("\"sampling_rate\":100,", "\"sampling_rate\":" + samplingRate + ",")
                .replace("\"sampler_address\":\"192.168.0.1\"", "\"sampler_address\":\"" + samplerAddress + "\"")
                .replace("\"bytes\":1500,", "\"bytes\":" + bytes + ",")
                .replace("\"packets\":1,", "\"packets\":" + packets + ",");
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** The same sample as goflow2 -format=bin writes it: a FlowMessage prefixed by its varint length. */
    static byte[] protobuf(String samplerAddress, long samplingRate, long bytes, long packets, Instant received) {
        FlowMessage message = GoflowProtoParserTest.readmeFlow()
                .setSamplerAddress(address(samplerAddress))
                .setSamplingRate(samplingRate)
                .setBytes(bytes)
                .setPackets(packets)
                .setTimeReceivedNs(nanos(received))
                .setTimeFlowStartNs(nanos(received))
                .setTimeFlowEndNs(nanos(received))
                .setType(FlowType.SFLOW_5)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeDelimitedTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** 4 or 16 raw bytes in network order, as goflow2's protobuf carries addresses. */
    private static ByteString address(String literal) {
        return ByteString.copyFrom(IpAddresses.toBytes(literal));
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

    private RateBucket interfaceMinute(InterfaceKey key, Instant minuteStart) {
        return value(harness.driver.<InterfaceKey, RateBucket>getTimestampedWindowStore(
                StoreNames.INTERFACE_RATES_MINUTE).fetch(key, minuteStart.toEpochMilli()));
    }

    private static <V> V value(ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
