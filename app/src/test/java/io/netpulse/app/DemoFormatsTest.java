package io.netpulse.app;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.inputs.counters.telegraf.InterfaceRow;
import io.netpulse.topology.inputs.counters.telegraf.Octets;
import io.netpulse.topology.inputs.counters.telegraf.TelegrafMetricParser;
import io.netpulse.topology.inputs.counters.telegraf.UptimeRow;
import io.netpulse.topology.inputs.flows.goflow2.GoflowJsonParser;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's Telegraf and goflow2 messages are what those exporters write, and netpulse's parsers read them back. */
class DemoFormatsTest {

    static final TelegrafMetricParser TELEGRAF = new TelegrafMetricParser(ExporterSettings.Telegraf.defaults());

    @Test
    void a64BitInterfaceGivesAnIfTableAndAnIfXTableRowThatParseBackToItsCounters() {
        // 2^64 - 2 octets in: above Long.MAX_VALUE, so the long holds -2; its low 32 bits are 2^32 - 2.
        CounterSample sample = new CounterSample("fra-core-1", 1, null, T0, 2_000L, -2L, 5_000_000_000L, 64,
                10_000_000_000L, "xe-0/0/0");

        List<String> rows = DemoFormats.telegrafInterfaceRows(sample);

        assertThat(rows).containsExactly(
                "{\"fields\":{\"ifInOctets\":4294967294,\"ifOperStatus\":1,\"ifOutOctets\":705032704,"
                        + "\"ifSpeed\":4294967295},\"name\":\"interface\",\"tags\":{\"host\":\"demo-telegraf\","
                        + "\"ifDescr\":\"xe-0/0/0\",\"index\":\"1\",\"source\":\"fra-core-1\"},"
                        + "\"timestamp\":1767225600}\n",
                "{\"fields\":{\"ifHCInOctets\":18446744073709551614,\"ifHCOutOctets\":5000000000,"
                        + "\"ifHighSpeed\":10000,\"ifName\":\"xe-0/0/0\"},\"name\":\"interface\",\"tags\":{\"host\":"
                        + "\"demo-telegraf\",\"ifDescr\":\"xe-0/0/0\",\"index\":\"1\",\"source\":\"fra-core-1\"},"
                        + "\"timestamp\":1767225600}\n");
        // 5,000,000,000 - 2^32 = 705,032,704; an ifSpeed of 4294967295 means "above 4.29 Gbit/s": unknown.
        assertThat(parse(rows.get(0))).isEqualTo(new InterfaceRow("fra-core-1", 1, null, "xe-0/0/0", T0, null,
                new Octets(4_294_967_294L, 705_032_704L, T0), null, null));
        assertThat(parse(rows.get(1))).isEqualTo(new InterfaceRow("fra-core-1", 1, "xe-0/0/0", "xe-0/0/0", T0,
                new Octets(-2L, 5_000_000_000L, T0), null, 10_000L, null));
    }

    @Test
    void a32BitInterfaceGivesOnlyItsIfTableRow() {
        CounterSample sample = new CounterSample("fra-core-1", 4, null, T0, null, 4_294_967_000L, 12L, 32,
                100_000_000L, "fe-0/0/3");

        List<String> rows = DemoFormats.telegrafInterfaceRows(sample);

        assertThat(rows).hasSize(1);
        assertThat(parse(rows.get(0))).isEqualTo(new InterfaceRow("fra-core-1", 4, null, "fe-0/0/3", T0, null,
                new Octets(4_294_967_000L, 12L, T0), null, 100_000_000L));
    }

    @Test
    void theUptimeMetricCarriesSysUpTimeInSecondsAsFloat2Does() {
        String metric = DemoFormats.telegrafUptime("nyc-core-1", T0, 30_012L);

        assertThat(metric).isEqualTo("{\"fields\":{\"sysUpTime\":300.12},\"name\":\"snmp\",\"tags\":{\"host\":"
                + "\"demo-telegraf\",\"source\":\"nyc-core-1\"},\"timestamp\":1767225600}\n");
        assertThat(parse(metric)).isEqualTo(new UptimeRow("nyc-core-1", T0, 30_012L));
    }

    @Test
    void aGoflow2FlowParsesBackToTheSameRecord() {
        FlowRecord flow = new FlowRecord("2001:db8:300::1", "2001:db8:1::5", "203.0.113.10", 1500L, 3L, 1L, 100L,
                0L, 0L, T0.minusSeconds(1), T0, T0.plusMillis(250));

        String json = DemoFormats.goflow2(flow, 7);

        assertThat(json).isEqualTo("{\"type\":\"IPFIX\",\"time_received_ns\":1767225600250000000,"
                + "\"sequence_num\":7,\"sampling_rate\":100,\"sampler_address\":\"2001:db8:300::1\","
                + "\"time_flow_start_ns\":1767225599000000000,\"time_flow_end_ns\":1767225600000000000,"
                + "\"bytes\":1500,\"packets\":3,\"src_addr\":\"2001:db8:1::5\",\"dst_addr\":\"203.0.113.10\","
                + "\"etype\":\"IPv6\",\"proto\":\"TCP\"}");
        assertThat(new GoflowJsonParser().parse("flow-messages", null, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Parsed.Accepted<>(List.of(flow)));
    }

    private static Object parse(String metric) {
        Parsed<?> parsed = TELEGRAF.parse("telegraf", null, metric.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
        List<?> values = ((Parsed.Accepted<?>) parsed).values();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    @Test
    void goflow2KeysARecordByTheFnv1DigestOfItsSamplerAddress() {
        // FNV-1, 32 bits: offset basis 0x811c9dc5, multiply by 0x01000193 then xor each byte; "a" gives 0x050c5d7e.
        assertThat(DemoFormats.goflow2Key("a")).containsExactly(0x05, 0x0c, 0x5d, 0x7e);
        assertThat(DemoFormats.goflow2Key("2001:db8:300::1")).containsExactly(0x22, 0x92, 0xbc, 0x7c);
    }
}
