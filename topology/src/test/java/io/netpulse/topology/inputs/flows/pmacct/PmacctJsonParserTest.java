package io.netpulse.topology.inputs.flows.pmacct;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pmacct's kafka plugin JSON, record by record, as {@link PmacctJsonParser} maps it to {@link FlowRecord}s. */
class PmacctJsonParserTest {

    /**
     * What nfacctd 1.7.7 wrote (kafka_output: json, timestamps_since_epoch: true, aggregate of peer_src_ip,
     * src_host, dst_host, src_port, dst_port, proto, tos, timestamp_start, timestamp_end, timestamp_arrival,
     * sampling_rate), verbatim.
     */
    static final String PURGE = "{\"event_type\": \"purge\", \"peer_ip_src\": \"127.0.0.1\", \"iface_in\": 0,"
            + " \"iface_out\": 0, \"ip_src\": \"192.0.2.10\", \"ip_dst\": \"198.51.100.20\", \"port_src\": 40001,"
            + " \"port_dst\": 443, \"ip_proto\": \"tcp\", \"tos\": 0, \"sampling_rate\": 1, \"timestamp_start\":"
            + " \"1796450312.000000\", \"timestamp_end\": \"0.000000\", \"timestamp_arrival\": \"1796450312.640450\","
            + " \"export_proto_version\": 10, \"packets\": 63, \"bytes\": 62520, \"writer_id\": \"np/18979\"}";
    /**
     * The same collector with kafka_history: 1m, kafka_history_roundoff: m and an aggregate of peer_src_ip, src_host,
     * dst_host, proto, sampling_rate, flows: fields in the order pmacct's compose_json writes them, the time bin
     * (05:58:00) and the purge time as since-epoch strings, then flows and the counters.
     */
    static final String HISTORY = "{\"event_type\": \"purge\", \"peer_ip_src\": \"192.0.2.1\", \"ip_src\":"
            + " \"192.0.2.10\", \"ip_dst\": \"198.51.100.20\", \"ip_proto\": \"udp\", \"sampling_rate\": 100,"
            + " \"stamp_inserted\": \"1796450280\", \"stamp_updated\": \"1796450342\", \"flows\": 3, \"packets\": 12,"
            + " \"bytes\": 9000, \"writer_id\": \"np/18979\"}";
    static final Instant BIN = Instant.parse("2026-12-05T05:58:00Z");

    private final PmacctJsonParser parser = new PmacctJsonParser();

    private Parsed<FlowRecord> parse(String json) {
        return parser.parse("pmacct.acct", null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void purgeRecordCountsAtItsArrivalAndAnEndNotExportedIsItsStart() {
        Instant start = Instant.parse("2026-12-05T05:58:32Z");
        assertThat(parse(PURGE)).isEqualTo(Parsed.accepted(new FlowRecord("127.0.0.1", "192.0.2.10",
                "198.51.100.20", 62_520L, 63L, 1L, 1L, 0L, 0L, start, start, start.plusMillis(640))));
    }

    @Test
    void historyRecordCarriesItsFlowsAndCountsAtItsTimeBin() {
        assertThat(parse(HISTORY)).isEqualTo(Parsed.accepted(new FlowRecord("192.0.2.1", "192.0.2.10",
                "198.51.100.20", 9_000L, 12L, 3L, 100L, 0L, 0L, BIN, BIN, null)));
    }

    @Test
    void multiValuesRecordCarriesOneFlowPerLineAndNumericProtocolsAreSkippedLikeNames() {
        String numeric = HISTORY.replace("\"ip_proto\": \"udp\"", "\"ip_proto\": \"17\"")
                .replace("\"peer_ip_src\": \"192.0.2.1\"", "\"peer_ip_src\": \"2001:0DB8::0001\"")
                .replace("\"sampling_rate\": 100, ", "");
        Parsed<FlowRecord> parsed = parse(HISTORY + "\n" + numeric + "\n");

        assertThat(parsed).isEqualTo(new Parsed.Accepted<>(List.of(
                new FlowRecord("192.0.2.1", "192.0.2.10", "198.51.100.20", 9_000L, 12L, 3L, 100L, 0L, 0L, BIN, BIN,
                        null),
                new FlowRecord("2001:db8::1", "192.0.2.10", "198.51.100.20", 9_000L, 12L, 3L, 0L, 0L, 0L, BIN, BIN,
                        null))));
    }

    @Test
    void markersAndEventRecordsAreSkippedNotRejected() {
        assertThat(parse("{\"event_type\": \"purge_init\", \"writer_id\": \"np/18979\"}"))
                .isEqualTo(Parsed.skipped("pmacct purge_init marker"));
        assertThat(parse("{\"event_type\": \"purge_close\", \"writer_id\": \"np/18979\", \"purged_entries\": 2,"
                + " \"total_entries\": 2, \"duration\": 0}"))
                .isEqualTo(Parsed.skipped("pmacct purge_close marker"));
        assertThat(parse("{\"event_type\": \"purge\", \"peer_ip_src\": \"192.0.2.1\", \"stamp_inserted\":"
                + " \"1796450280\", \"writer_id\": \"np/18979\"}"))
                .isEqualTo(Parsed.skipped("pmacct event record without packets and bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            timestamps in local time  | "timestamp_arrival": "1796450312.640450" | "timestamp_arrival": "2026-12-05 05:58:32.640450" | timestamp_arrival is not seconds since the epoch: '2026-12-05 05:58:32.640450' (set timestamps_since_epoch: true in nfacctd/sfacctd)
            no peer_src_ip aggregated | "peer_ip_src": "127.0.0.1",              | ''                                                   | peer_ip_src is missing: the flow cannot be attributed to an exporter (add peer_src_ip to the aggregate)
            exporter not an address   | "peer_ip_src": "127.0.0.1"               | "peer_ip_src": "router-1"                            | peer_ip_src is not an IP address: 'router-1'
            bytes as a string         | "bytes": 62520                           | "bytes": "62520"                                     | bytes is not an integer: 62520
            bytes beyond 64 bits      | "bytes": 62520                           | "bytes": 18446744073709551616                        | bytes is out of the 64-bit range: 18446744073709551616
            packets missing           | "packets": 63,                           | ''                                                   | packets is missing
            unknown event type        | "event_type": "purge"                    | "event_type": "dump"                                 | event_type is 'dump': neither a flow (purge) nor a marker (purge_init, purge_close)
            a field written twice     | "tos": 0                                 | "tos": 0, "bytes": 1                                 | not pmacct JSON: Duplicate field 'bytes'
            """)
    void malformedRecordIsRejectedWithItsReason(String description, String field, String replacement, String reason) {
        String record = PURGE.replace(field, replacement.trim());
        assertThat(record).as(description).isNotEqualTo(PURGE);
        assertThat(parse(record)).as(description).isEqualTo(Parsed.rejected(reason));
    }

    @Test
    void otherJsonIsRejectedWithItsReason() {
        assertThat(parse("")).isEqualTo(Parsed.rejected("empty record: pmacct's kafka plugin writes one JSON object"
                + " per record (several, newline-separated, with kafka_multi_values)"));
        assertThat(parse(" \n")).isEqualTo(Parsed.rejected("not a pmacct JSON record: no JSON object in it"));
        assertThat(parse("[" + PURGE + "]")).isEqualTo(Parsed.rejected("not a pmacct JSON record: [ is not an object"));
        assertThat(parse("{\"sampler_address\": \"192.0.2.1\", \"bytes\": 1500, \"packets\": 1}"))
                .isEqualTo(Parsed.rejected("event_type is missing: not a record of pmacct's kafka plugin"));
        assertThat(parse(PURGE.substring(0, 100))).isEqualTo(Parsed.rejected(
                "not pmacct JSON: Unexpected end-of-input in VALUE_STRING"));
        assertThat(parse(HISTORY.replace("\"stamp_inserted\": \"1796450280\"", "\"stamp_inserted\": \"0\"")))
                .isEqualTo(Parsed.rejected("flow from 192.0.2.1 has no time: timestamp_start, timestamp_end,"
                        + " timestamp_arrival and stamp_inserted are all absent or 0"));
    }
}
