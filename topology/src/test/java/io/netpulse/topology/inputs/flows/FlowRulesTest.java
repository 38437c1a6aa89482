package io.netpulse.topology.inputs.flows;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.inputs.ingest.Parsed;
import io.netpulse.topology.sourcestats.SourceStatsHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowRulesTest {

    private static final SamplingRates DEFAULT_RATE = new SamplingRates(100, java.util.Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // description                              | bytes | packets | rate | badB | badP | start | end | bytes' | packets' | badBytes' | badPackets' | rate' | defaulted
            "normal record                               | 1000  | 10      | 1    | 0    | 0    | 0     | 1   | 1000   | 10       | 0         | 0           | 1     | false",
            "sampled 1 in 10: bytes and packets x 10     | 1000  | 10      | 10   | 0    | 0    | 0     | 1   | 10000  | 100      | 0         | 0           | 10    | false",
            "rate 0 is unknown: the default applies      | 1000  | 10      | 0    | 0    | 0    | 0     | 1   | 100000 | 1000     | 0         | 0           | 100   | true",
            "exactly 20 bytes per packet is not bad      | 200   | 10      | 1    | 0    | 0    | 0     | 1   | 200    | 10       | 0         | 0           | 1     | false",
            "19.9 bytes per packet is bad                | 199   | 10      | 1    | 0    | 0    | 0     | 1   | 199    | 10       | 199       | 10          | 1     | false",
            "bad and sampled: bad is scaled too          | 100   | 10      | 5    | 0    | 0    | 0     | 1   | 500    | 50       | 500       | 50          | 5     | false",
            "exactly 65535 bytes per packet is not bad   | 131070| 2       | 1    | 0    | 0    | 0     | 1   | 131070 | 2        | 0         | 0           | 1     | false",
            "65535.5 bytes per packet is bad             | 131071| 2       | 1    | 0    | 0    | 0     | 1   | 131071 | 2        | 131071    | 2           | 1     | false",
            "bytes without packets is bad                | 64    | 0       | 1    | 0    | 0    | 0     | 1   | 64     | 0        | 64        | 0           | 1     | false",
            "packets without bytes is bad                | 0     | 3       | 1    | 0    | 0    | 0     | 1   | 0      | 3        | 0         | 3           | 1     | false",
            "nothing at all is not bad                   | 0     | 0       | 1    | 0    | 0    | 0     | 1   | 0      | 0        | 0         | 0           | 1     | false",
            "end before start is bad                     | 1000  | 10      | 1    | 0    | 0    | 5     | 4   | 1000   | 10       | 1000      | 10          | 1     | false",
            "end equal to start is not bad               | 1000  | 10      | 1    | 0    | 0    | 5     | 5   | 1000   | 10       | 0         | 0           | 1     | false",
            "own bad counters are kept as given          | 1000  | 10      | 10   | 40   | 2    | 0     | 1   | 10000  | 100      | 40        | 2           | 10    | false",
            "own bad counters win over the rule          | 100   | 10      | 1    | 40   | 0    | 0     | 1   | 100    | 10       | 40        | 0           | 1     | false",
    })
    void scalesAndJudges(String description, long bytes, long packets, long rate, long badBytes, long badPackets,
                         long startSecond, long endSecond, long expectedBytes, long expectedPackets,
                         long expectedBadBytes, long expectedBadPackets, long expectedRate, boolean defaulted) {
        FlowRecord record = record("10.0.0.1", bytes, packets, rate)
                .setBadBytes(badBytes).setBadPackets(badPackets)
                .setFlowStart(T0.plusSeconds(startSecond)).setFlowEnd(T0.plusSeconds(endSecond)).build();

        Parsed<Flow> parsed = FlowRules.toFlow(record, DEFAULT_RATE);

        assertThat(parsed).as(description).isEqualTo(new Parsed.Accepted<>(List.of(new Flow("10.0.0.1",
                "192.0.2.10", "198.51.100.20", expectedBytes, expectedPackets, 1, expectedBadBytes,
                expectedBadPackets, expectedRate, defaulted, T0.plusSeconds(startSecond), T0.plusSeconds(endSecond),
                T0.plusSeconds(60)))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "exporter not an address | router-1   | 10.0.0.2 | 10.0.0.3 | 1  | 1  | 1  | 1 | exporter is not an IPv4 or IPv6 address: 'router-1'",
            "source not an address   | 10.0.0.1   | 10.0.0   | 10.0.0.3 | 1  | 1  | 1  | 1 | srcAddr is not an IPv4 or IPv6 address: '10.0.0'",
            "destination zone id     | 10.0.0.1   | 10.0.0.2 | fe80::1%1| 1  | 1  | 1  | 1 | dstAddr is not an IPv4 or IPv6 address: 'fe80::1%1'",
            "negative bytes          | 10.0.0.1   | 10.0.0.2 | 10.0.0.3 | -1 | 1  | 1  | 1 | bytes is negative: -1",
            "negative packets        | 10.0.0.1   | 10.0.0.2 | 10.0.0.3 | 1  | -2 | 1  | 1 | packets is negative: -2",
            "negative flows          | 10.0.0.1   | 10.0.0.2 | 10.0.0.3 | 1  | 1  | -3 | 1 | flows is negative: -3",
            "negative sampling rate  | 10.0.0.1   | 10.0.0.2 | 10.0.0.3 | 1  | 1  | 1  | -4| samplingRate is negative: -4",
            "scaling overflows       | 10.0.0.1   | 10.0.0.2 | 10.0.0.3 | 9223372036854775807 | 1 | 1 | 2 | bytes 9223372036854775807 or packets 1 times sampling rate 2 overflows a 64-bit count",
    })
    void rejects(String description, String exporter, String src, String dst, long bytes, long packets, long flows,
                 long rate, String reason) {
        FlowRecord record = record(exporter, bytes, packets, rate).setSrcAddr(src).setDstAddr(dst)
                .setFlows(flows).build();

        assertThat(FlowRules.toFlow(record, DEFAULT_RATE)).as(description).isEqualTo(new Parsed.Rejected<>(reason));
    }

    @Test
    void aFrameWithoutIpHeaderCountsForItsExporter() {
        // goflow2 writes "" for both addresses of an sFlow sample of an ARP frame.
        FlowRecord record = record("10.0.0.1", 64, 1, 100).setSrcAddr("").setDstAddr("").build();

        assertThat(FlowRules.toFlow(record, DEFAULT_RATE)).isEqualTo(new Parsed.Accepted<>(List.of(new Flow(
                "10.0.0.1", "", "", 6_400, 100, 1, 0, 0, 100, false, T0, T0.plusSeconds(1), T0.plusSeconds(60)))));
    }

    @Test
    void anEmptyExporterIsRejected() {
        FlowRecord record = record("", 64, 1, 100).build();

        assertThat(FlowRules.toFlow(record, DEFAULT_RATE)).isEqualTo(new Parsed.Rejected<>(
                "exporter is not an IPv4 or IPv6 address: ''"));
    }

    @Test
    void countsAtTheFlowEndWithoutAReceiveTime() {
        FlowRecord record = record("10.0.0.1", 1000, 10, 1).setReceivedAt(null).build();

        Parsed<Flow> parsed = FlowRules.toFlow(record, DEFAULT_RATE);

        assertThat(((Parsed.Accepted<Flow>) parsed).values().getFirst().countedAt()).isEqualTo(T0.plusSeconds(1));
    }

    private static FlowRecord.Builder record(String exporter, long bytes, long packets, long rate) {
        Instant receivedAt = T0.plusSeconds(60);
        return SourceStatsHarness.flow(exporter, receivedAt).setBytes(bytes).setPackets(packets).setSamplingRate(rate)
                .setFlowStart(T0).setFlowEnd(T0.plusSeconds(1));
    }
}
