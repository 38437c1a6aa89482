package io.netpulse.topology.inputs.flows.goflow2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoflowJsonParserTest {

    /** goflow2's README example, verbatim (pretty-printed there, with some of the fields). */
    static final String README_EXAMPLE = """
            {
                "type": "SFLOW_5",
                "time_received_ns": 1681583295157626000,
                "sequence_num": 2999,
                "sampling_rate": 100,
                "sampler_address": "192.168.0.1",
                "time_flow_start_ns": 1681583295157626000,
                "time_flow_end_ns": 1681583295157626000,
                "bytes": 1500,
                "packets": 1,
                "src_addr": "fd01::1",
                "dst_addr": "fd01::2",
                "etype": "IPv6",
                "proto": "TCP",
                "src_port": 443,
                "dst_port": 50001
            }""";
    /** What goflow2 -format=json writes for it: every field, compact, no trailing newline (EXPORTERS.md 1a). */
    static final String EMITTED_LINE = "{\"type\":\"SFLOW_5\",\"time_received_ns\":1681583295157626000,"
            + "\"sequence_num\":2999,\"sampling_rate\":100,\"sampler_address\":\"192.168.0.1\","
            + "\"time_flow_start_ns\":1681583295157626000,\"time_flow_end_ns\":1681583295157626000,\"bytes\":1500,"
            + "\"packets\":1,\"src_addr\":\"fd01::1\",\"dst_addr\":\"fd01::2\",\"etype\":\"IPv6\",\"proto\":\"TCP\","
            + "\"src_port\":443,\"dst_port\":50001,\"in_if\":0,\"out_if\":0,\"src_mac\":\"00:00:00:00:00:00\","
            + "\"dst_mac\":\"00:00:00:00:00:00\",\"src_vlan\":0,\"dst_vlan\":0,\"vlan_id\":0,\"ip_tos\":0,"
            + "\"forwarding_status\":0,\"ip_ttl\":64,\"ip_flags\":0,\"tcp_flags\":16,\"icmp_type\":0,\"icmp_code\":0,"
            + "\"ipv6_flow_label\":0,\"fragment_id\":0,\"fragment_offset\":0,\"src_as\":0,\"dst_as\":0,"
            + "\"next_hop\":\"\",\"next_hop_as\":0,\"src_net\":\"::/0\",\"dst_net\":\"::/0\",\"bgp_next_hop\":\"\","
            + "\"bgp_communities\":[],\"as_path\":[],\"mpls_ttl\":[],\"mpls_label\":[],\"mpls_ip\":[],"
            + "\"observation_domain_id\":0,\"observation_point_id\":0,\"layer_stack\":[\"Ethernet\",\"IPv6\",\"TCP\"],"
            + "\"layer_size\":[14,40,20],\"ipv6_routing_header_addresses\":[],\"ipv6_routing_header_seg_left\":0}";
    /** 1681583295157626000 ns, truncated to the millisecond. */
    static final Instant README_TIME = Instant.parse("2023-04-15T18:28:15.157Z");
    static final FlowRecord README_RECORD = new FlowRecord("192.168.0.1", "fd01::1", "fd01::2", 1500L, 1L, 1L, 100L,
            0L, 0L, README_TIME, README_TIME, README_TIME);

    private final GoflowJsonParser parser = new GoflowJsonParser();

    @Test
    void readsTheReadmeExample() {
        assertThat(parse(README_EXAMPLE)).isEqualTo(Parsed.accepted(README_RECORD));
    }

    @Test
    void readsTheLineGoflow2EmitsIgnoringTheOtherFields() {
        assertThat(parse(EMITTED_LINE)).isEqualTo(Parsed.accepted(README_RECORD));
    }

    @Test
    void keepsSamplingRateZeroAsGiven() {
        FlowRecord flow = accepted(parse(EMITTED_LINE.replace("\"sampling_rate\":100", "\"sampling_rate\":0")));
        assertThat(flow.getSamplingRate()).isZero();
    }

    @Test
    void writesAddressesInCanonicalFormAndKeepsAnEmptyOne() {
        String json = EMITTED_LINE
                .replace("\"src_addr\":\"fd01::1\"", "\"src_addr\":\"::ffff:10.0.0.1\"")
                .replace("\"dst_addr\":\"fd01::2\"", "\"dst_addr\":\"\"")
                .replace("\"sampler_address\":\"192.168.0.1\"", "\"sampler_address\":\"2001:0DB8:0:0:0:0:0:0001\"");
        FlowRecord flow = accepted(parse(json));
        assertThat(flow.getExporter()).isEqualTo("2001:db8::1");
        assertThat(flow.getSrcAddr()).isEqualTo("10.0.0.1");
        assertThat(flow.getDstAddr()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            all three times                          | 3000000123 | 1000000999 | 2000000000 | 3000 | 1000 | 2000
            no receive time: receivedAt null         | 0          | 1000000000 | 2000000000 | null | 1000 | 2000
            no end time: the receive time            | 3000000000 | 1000000000 | 0          | 3000 | 1000 | 3000
            no start time: the end time              | 3000000000 | 0          | 2000000000 | 3000 | 2000 | 2000
            only the receive time                    | 3000000000 | 0          | 0          | 3000 | 3000 | 3000
            """)
    void convertsNanosecondsToMillisecondsAndFillsMissingTimes(String description, long received, long start,
                                                              long end, Long receivedAt, long flowStart, long flowEnd) {
        String json = EMITTED_LINE
                .replace("\"time_received_ns\":1681583295157626000", "\"time_received_ns\":" + received)
                .replace("\"time_flow_start_ns\":1681583295157626000", "\"time_flow_start_ns\":" + start)
                .replace("\"time_flow_end_ns\":1681583295157626000", "\"time_flow_end_ns\":" + end);
        FlowRecord flow = accepted(parse(json));
        assertThat(flow.getReceivedAt()).isEqualTo(receivedAt == null ? null : Instant.ofEpochMilli(receivedAt));
        assertThat(flow.getFlowStart()).isEqualTo(Instant.ofEpochMilli(flowStart));
        assertThat(flow.getFlowEnd()).isEqualTo(Instant.ofEpochMilli(flowEnd));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                 | `SFLOW_5 192.168.0.1 1500`                   | `not a goflow2 JSON flow: Unrecognized token 'SFLOW_5': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
            an array                 | `[]`                                          | `not a goflow2 JSON flow: a JSON ARRAY, not an object`
            two flows in one record  | `{"bytes":1} {"bytes":2}`                     | `more than one JSON value in the record: goflow2 writes one flow per record`
            no sampler_address       | `{"bytes":1,"packets":1,"time_received_ns":1}` | `sampler_address is missing: the flow cannot be attributed to an exporter`
            empty sampler_address    | `{"sampler_address":"","bytes":1,"packets":1}` | `sampler_address is empty: the flow cannot be attributed to an exporter`
            sampler_address a name   | `{"sampler_address":"router1","bytes":1,"packets":1}` | `sampler_address is not an IP address: 'router1'`
            base64 address           | `{"sampler_address":"wKgAAQ==","bytes":1,"packets":1}` | `sampler_address is not an IP address: 'wKgAAQ=='`
            address not a string     | `{"sampler_address":"192.0.2.1","src_addr":3232235521,"bytes":1,"packets":1}` | `src_addr is not a string: 3232235521`
            no bytes                 | `{"sampler_address":"192.0.2.1","packets":1}` | `bytes is missing`
            negative packets         | `{"sampler_address":"192.0.2.1","bytes":1,"packets":-1}` | `packets is not an unsigned 64-bit integer: -1`
            bytes as a string        | `{"sampler_address":"192.0.2.1","bytes":"1500","packets":1}` | `bytes is not an unsigned integer: "1500"`
            fractional rate          | `{"sampler_address":"192.0.2.1","bytes":1,"packets":1,"sampling_rate":1.5}` | `sampling_rate is not an unsigned integer: 1.5`
            bytes of 2^64            | `{"sampler_address":"192.0.2.1","bytes":18446744073709551616,"packets":1}` | `bytes is not an unsigned 64-bit integer: 18446744073709551616`
            bytes above 2^63-1       | `{"sampler_address":"192.0.2.1","bytes":9223372036854775808,"packets":1,"time_received_ns":1}` | `flow from 192.0.2.1: bytes is above 2^63-1: 9223372036854775808`
            no time at all           | `{"sampler_address":"192.0.2.1","bytes":1,"packets":1,"time_flow_start_ns":5}` | `flow from 192.0.2.1 has no time: time_received_ns and time_flow_end_ns are both 0 or absent`
            bytes twice              | `{"sampler_address":"192.0.2.1","bytes":1,"packets":1,"bytes":2,"time_received_ns":1}` | `not a goflow2 JSON flow: Duplicate field 'bytes'`
            a field twice, ignored   | `{"sampler_address":"192.0.2.1","bytes":1,"packets":1,"time_received_ns":1,"proto":"TCP","proto":"UDP"}` | `not a goflow2 JSON flow: Duplicate field 'proto'`
            twice in an ignored object | `{"sampler_address":"192.0.2.1","bytes":1,"packets":1,"time_received_ns":1,"x":{"a":1,"a":2}}` | `not a goflow2 JSON flow: Duplicate field 'a'`
            """)
    void rejectsMalformedFlowsWithTheReason(String description, String json, String reason) {
        assertThat(parse(json)).isEqualTo(Parsed.rejected(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            the fields read last             | `{"proto":"TCP","layer_stack":["Ethernet","IPv4"],"time_received_ns":3000000000,"packets":2,"bytes":1500,"dst_addr":"198.51.100.2","src_addr":"192.0.2.7","sampler_address":"10.0.0.1"}`
            read names inside ignored fields | `{"sampler_address":"10.0.0.1","x":{"bytes":"no","sampler_address":7,"y":[{"packets":-1}]},"src_addr":"192.0.2.7","dst_addr":"198.51.100.2","bytes":1500,"packets":2,"time_received_ns":3000000000}`
            every number type of JSON        | `{"sampler_address":"10.0.0.1","src_addr":"192.0.2.7","dst_addr":"198.51.100.2","bytes":1500,"packets":2,"time_received_ns":3000000000,"ratio":1.5e3,"big":18446744073709551616,"t":true,"n":null}`
            """)
    void readsAValidFlowWhateverItsFieldOrderAndOtherFields(String description, String json) {
        Instant at = Instant.ofEpochMilli(3000);
        assertThat(parse(json)).isEqualTo(Parsed.accepted(new FlowRecord("10.0.0.1", "192.0.2.7", "198.51.100.2",
                1500L, 2L, 1L, 0L, 0L, 0L, at, at, at)));
    }

    @Test
    void readsTheLargestCountAFlowMayHave() {
        FlowRecord flow = accepted(parse("{\"sampler_address\":\"10.0.0.1\",\"bytes\":9223372036854775807,"
                + "\"packets\":1,\"time_received_ns\":3000000000}"));
        assertThat(flow.getBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsAFlowCutShort() {
        assertThat(parse("{\"sampler_address\":\"192.0.2.1\",\"bytes\":1,\"packets\":1,\"time_received_ns\":1"))
                .isInstanceOfSatisfying(Parsed.Rejected.class, rejected -> assertThat(rejected.reason())
                        .startsWith("not a goflow2 JSON flow: Unexpected end-of-input: expected close marker for Object"));
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThat(parser.parse("flow-messages", null, new byte[0])).isEqualTo(Parsed.rejected(
                "empty record: goflow2 -format=json writes one JSON flow per record"));
    }

    static FlowRecord accepted(Parsed<FlowRecord> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
        assertThat(((Parsed.Accepted<FlowRecord>) parsed).values()).hasSize(1);
        return ((Parsed.Accepted<FlowRecord>) parsed).values().getFirst();
    }

    private Parsed<FlowRecord> parse(String json) {
        return parser.parse("flow-messages", null, json.getBytes(StandardCharsets.UTF_8));
    }
}
