package io.netpulse.topology.inputs.flows.pmacct;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.topology.inputs.flows.pmacct.PmacctJsonParserTest.HISTORY;
import static io.netpulse.topology.inputs.flows.pmacct.PmacctJsonParserTest.PURGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.schema.aggregate.SourceWindowStats;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.flows.FlowRecords;
import io.netpulse.topology.inputs.ingest.DeadLetters;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * pmacct end to end: records of both shapes its kafka plugin writes go, byte for byte, to {@code pmacct.acct} and
 * through the whole topology to the per-source statistics and the per-IP base samples, scaled, judged and
 * dead-lettered exactly like every other flow input. The collector stamped them on 2026-12-05 around 05:58 UTC, so
 * the driver's wall clock stands at 07:00 that day.
 */
class PmacctFlowStatsTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-12-05T07:00:00Z");
    private static final Instant MINUTE = Instant.parse("2026-12-05T05:58:00Z");
    /** The 10-minute base sample of the per-IP statistics that holds 05:58. */
    private static final Instant SAMPLE = Instant.parse("2026-12-05T05:50:00Z");
    private static final String SERVER = "192.0.2.10";
    private static final String OTHER_SERVER = "198.51.100.20";
    private static final String SOFTFLOWD = "127.0.0.1";
    private static final String ROUTER = "192.0.2.1";
    private static final String REASON = ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME;

    private SourceStatsHarness harness;
    private TestInputTopic<byte[], byte[]> pmacct;

    @AfterEach
    void stop() {
        harness.close();
    }

    /** The topology with the flows' default sampling rate 1 and these exporters' own rates. */
    private void start(Map<String, Long> samplingRateByExporter) {
        TopologySettings defaults = TopologySettings.defaults();
        harness = new SourceStatsHarness(new TopologySettings(defaults.topics(), defaults.rates(), defaults.flows(),
                new ExporterSettings(ExporterSettings.Telegraf.defaults(),
                        new ExporterSettings.Goflow2(ExporterSettings.Goflow2Format.JSON, samplingRateByExporter)),
                defaults.ip()), WALL_CLOCK);
        pmacct = harness.driver.createInputTopic(defaults.topics().pmacct(), new ByteArraySerializer(),
                new ByteArraySerializer());
        TestInputTopic<String, String> inventory = harness.driver.createInputTopic(defaults.topics().inventory(),
                new StringSerializer(), new StringSerializer());
        for (String address : List.of(SERVER, OTHER_SERVER)) {
            inventory.pipeInput("ip:" + address, """
                    {"type": "ip", "address": "%s", "account_id": "acct-1", "server_id": "srv-%s",
                     "server_created": "2026-01-01"}""".formatted(address, address), MINUTE);
        }
    }

    /** pmacct writes records unkeyed unless kafka_partition_key is set; the record timestamp is the producer's. */
    private void pipe(String json) {
        pmacct.pipeInput(null, json.getBytes(StandardCharsets.UTF_8), MINUTE);
    }

    @Test
    void purgeRecordsCountAtTheirArrivalPerSourceAndPerAddress() {
        start(Map.of(SOFTFLOWD, 100L));

        pipe(PURGE);
        // The reply, with kafka_num_protos: true (the protocol as a number), sampled 1 in 10.
        pipe(PURGE.replace("\"ip_src\": \"192.0.2.10\", \"ip_dst\": \"198.51.100.20\"",
                        "\"ip_src\": \"198.51.100.20\", \"ip_dst\": \"192.0.2.10\"")
                .replace("\"ip_proto\": \"tcp\"", "\"ip_proto\": \"6\"")
                .replace("\"sampling_rate\": 1,", "\"sampling_rate\": 10,")
                .replace("\"timestamp_start\": \"1796450312.000000\"", "\"timestamp_start\": \"1796450311.000000\"")
                .replace("\"timestamp_end\": \"0.000000\"", "\"timestamp_end\": \"1796450312.000000\"")
                .replace("\"timestamp_arrival\": \"1796450312.640450\"",
                        "\"timestamp_arrival\": \"1796450312.901234\"")
                .replace("\"packets\": 63, \"bytes\": 62520", "\"packets\": 4, \"bytes\": 240"));
        // Before the exporter's options data arrived: rate 0, so its configured 1 in 100 applies.
        pipe(PURGE.replace("\"ip_dst\": \"198.51.100.20\"", "\"ip_dst\": \"203.0.113.5\"")
                .replace("\"sampling_rate\": 1,", "\"sampling_rate\": 0,")
                .replace("\"timestamp_start\": \"1796450312.000000\"", "\"timestamp_start\": \"1796450327.000000\"")
                .replace("\"timestamp_arrival\": \"1796450312.640450\"",
                        "\"timestamp_arrival\": \"1796450327.100000\"")
                .replace("\"packets\": 63, \"bytes\": 62520", "\"packets\": 1, \"bytes\": 1500"));

        // Second 32: 62 520 + 240 x 10 bytes, 63 + 4 x 10 packets; second 47: 1 500 x 100 bytes, 1 x 100 packets.
        assertThat(seconds(SOFTFLOWD)).isEqualTo(new SourceSeconds(List.of(
                new SecondSlot(32, 2L, 64_920L, 0L, 103L, 0L),
                new SecondSlot(47, 1L, 150_000L, 0L, 100L, 0L))));
        assertThat(minute(SOFTFLOWD, MINUTE)).isEqualTo(new SourceStats(3L, 214_920L, 0L, 203L, 0L,
                2L, 150_000L, 103L));
        // SERVER sent 62 520 + 150 000 bytes and received 2 400; OTHER_SERVER the other way round, without the
        // 150 000 that went to an address outside the inventory.
        assertThat(ipSample(SERVER)).isEqualTo(new IpTrafficSample(2_400L, 212_520L));
        assertThat(ipSample(OTHER_SERVER)).isEqualTo(new IpTrafficSample(62_520L, 2_400L));
        assertThat(harness.netpulseTotal(FlowRecords.SAMPLING_RATE_DEFAULTED, SOFTFLOWD)).isEqualTo(1.0);
        assertThat(harness.netpulseTotal("ingest-accepted", "pmacct.acct")).isEqualTo(3.0);

        // The minute 05:58 closes once the exporter's own clock is past its end plus the 5-minute grace.
        pipe(PURGE.replace("\"timestamp_start\": \"1796450312.000000\"", "\"timestamp_start\": \"1796450700.000000\"")
                .replace("\"timestamp_arrival\": \"1796450312.640450\"",
                        "\"timestamp_arrival\": \"1796450700.000000\""));
        assertExactly(harness.sourceStats, KeyValue.pair(SOFTFLOWD,
                new SourceWindowStats(SOFTFLOWD, MINUTE, MINUTE.plusSeconds(60), 3L, 214_920L, 0L, 203L, 0L,
                        2L, 150_000L, 103L)));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void historyRecordsCountTheirFlowsAtTheirTimeBin() {
        start(Map.of());

        pipe(HISTORY);
        pipe(HISTORY.replace("\"ip_src\": \"192.0.2.10\", \"ip_dst\": \"198.51.100.20\"",
                        "\"ip_src\": \"198.51.100.20\", \"ip_dst\": \"192.0.2.10\"")
                .replace("\"ip_proto\": \"udp\"", "\"ip_proto\": \"tcp\"")
                .replace("\"flows\": 3, \"packets\": 12, \"bytes\": 9000",
                        "\"flows\": 2, \"packets\": 5, \"bytes\": 400"));
        // The next bin: 50 packets cannot fit in 400 bytes (fewer than 20 each), so all of it counts as bad.
        pipe(HISTORY.replace("\"ip_dst\": \"198.51.100.20\"", "\"ip_dst\": \"203.0.113.5\"")
                .replace("\"stamp_inserted\": \"1796450280\", \"stamp_updated\": \"1796450342\"",
                        "\"stamp_inserted\": \"1796450340\", \"stamp_updated\": \"1796450402\"")
                .replace("\"flows\": 3, \"packets\": 12, \"bytes\": 9000",
                        "\"flows\": 1, \"packets\": 50, \"bytes\": 400"));

        // x100: 05:58 holds 900 000 + 40 000 bytes, 1 200 + 500 packets, 3 + 2 flows, all in its second 0.
        assertThat(minute(ROUTER, MINUTE)).isEqualTo(new SourceStats(5L, 940_000L, 0L, 1_700L, 0L,
                5L, 940_000L, 1_700L));
        assertThat(minute(ROUTER, MINUTE.plusSeconds(60))).isEqualTo(new SourceStats(1L, 40_000L, 40_000L,
                5_000L, 5_000L, 1L, 40_000L, 5_000L));
        assertThat(ipSample(SERVER)).isEqualTo(new IpTrafficSample(40_000L, 940_000L));
        assertThat(ipSample(OTHER_SERVER)).isEqualTo(new IpTrafficSample(900_000L, 40_000L));
        assertThat(harness.netpulseTotal(FlowRecords.BAD_RECORDS, ROUTER)).isEqualTo(1.0);

        pipe(HISTORY.replace("\"stamp_inserted\": \"1796450280\", \"stamp_updated\": \"1796450342\"",
                "\"stamp_inserted\": \"1796451000\", \"stamp_updated\": \"1796451062\""));
        assertExactly(harness.sourceStats, 
                KeyValue.pair(ROUTER, new SourceWindowStats(ROUTER, MINUTE, MINUTE.plusSeconds(60), 5L, 940_000L, 0L,
                        1_700L, 0L, 5L, 940_000L, 1_700L)),
                KeyValue.pair(ROUTER, new SourceWindowStats(ROUTER, MINUTE.plusSeconds(60), MINUTE.plusSeconds(120),
                        1L, 40_000L, 40_000L, 5_000L, 5_000L, 1L, 40_000L, 5_000L)));
        assertThat(harness.sourceStats.isEmpty()).isTrue();
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWhileTotalsStayExact() {
        start(Map.of());
        byte[] truncated = Arrays.copyOf(PURGE.getBytes(StandardCharsets.UTF_8), 100);
        String localTime = PURGE.replace("\"timestamp_arrival\": \"1796450312.640450\"",
                "\"timestamp_arrival\": \"2026-12-05 05:58:32.640450\"");
        String goflow2 = "{\"type\":\"IPFIX\",\"time_received_ns\":1796450312640450000,\"sampler_address\":"
                + "\"127.0.0.1\",\"bytes\":62520,\"packets\":63}";

        pipe(PURGE);
        pmacct.pipeInput(null, truncated, MINUTE);
        pipe(localTime);
        pipe("{\"event_type\": \"purge_init\", \"writer_id\": \"np/18979\"}");
        pipe(goflow2);
        pipe(PURGE.replace("\"timestamp_arrival\": \"1796450312.640450\"",
                        "\"timestamp_arrival\": \"1796450327.100000\"")
                .replace("\"packets\": 63, \"bytes\": 62520", "\"packets\": 1, \"bytes\": 1500"));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::value).containsExactly(truncated,
                localTime.getBytes(StandardCharsets.UTF_8), goflow2.getBytes(StandardCharsets.UTF_8));
        assertThat(dead).extracting(record -> header(record, REASON))
                .containsExactly(
                        "not pmacct JSON: Unexpected end-of-input in VALUE_STRING",
                        "timestamp_arrival is not seconds since the epoch: '2026-12-05 05:58:32.640450' (set"
                                + " timestamps_since_epoch: true in nfacctd/sfacctd)",
                        "event_type is missing: not a record of pmacct's kafka plugin");
        assertThat(dead).extracting(record -> header(record, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)
                        + "/" + header(record, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME)
                        + "/" + header(record, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)
                        + " " + header(record, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME))
                .containsExactly("pmacct.acct/0/1 " + DeadLetters.REJECTED,
                        "pmacct.acct/0/2 " + DeadLetters.REJECTED, "pmacct.acct/0/4 " + DeadLetters.REJECTED);
        // Exactly the two valid flows: 62 520 + 1 500 bytes, 63 + 1 packets, in seconds 32 and 47.
        assertThat(minute(SOFTFLOWD, MINUTE)).isEqualTo(new SourceStats(2L, 64_020L, 0L, 64L, 0L,
                1L, 62_520L, 63L));
        assertThat(Map.of("rejected", harness.netpulseTotal("ingest-rejected", "pmacct.acct"),
                "skipped", harness.netpulseTotal("ingest-skipped", "pmacct.acct"),
                "accepted", harness.netpulseTotal("ingest-accepted", "pmacct.acct")))
                .isEqualTo(Map.of("rejected", 3.0, "skipped", 1.0, "accepted", 2.0));
    }

    private SourceSeconds seconds(String source) {
        return value(harness.driver.<String, SourceSeconds>getTimestampedWindowStore(StoreNames.SOURCE_STATS_SECOND)
                .fetch(source, MINUTE.toEpochMilli()));
    }

    private SourceStats minute(String source, Instant minuteStart) {
        return value(harness.driver.<String, SourceStats>getTimestampedWindowStore(StoreNames.SOURCE_STATS_MINUTE)
                .fetch(source, minuteStart.toEpochMilli()));
    }

    private IpTrafficSample ipSample(String address) {
        return value(harness.driver.<String, IpTrafficSample>getTimestampedWindowStore(StoreNames.IP_TRAFFIC_SAMPLE)
                .fetch(address, SAMPLE.toEpochMilli()));
    }

    private static <V> V value(ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
