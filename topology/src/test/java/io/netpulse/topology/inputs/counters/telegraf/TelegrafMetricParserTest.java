package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.topology.ExporterSettings;
import io.netpulse.topology.inputs.ingest.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelegrafMetricParserTest {

    /** Telegraf's README example output as outputs.kafka writes it with data_format = "json" (EXPORTERS.md 2b). */
    static final String README_UPTIME = "{\"fields\":{\"uptime\":113319.74},\"name\":\"snmp\",\"tags\":"
            + "{\"agent_host\":\"127.0.0.1\",\"sysName\":\"example.org\"},\"timestamp\":1575509815}\n";
    static final String README_IF_TABLE_ROW = "{\"fields\":{\"ifAdminStatus\":1,\"ifInDiscards\":0,\"ifInErrors\":0,"
            + "\"ifInNUcastPkts\":21,\"ifInOctets\":3852386380,\"ifInUcastPkts\":3634004,\"ifInUnknownProtos\":0,"
            + "\"ifLastChange\":9088763,\"ifMtu\":1500,\"ifOperStatus\":1,\"ifOutDiscards\":0,\"ifOutErrors\":0,"
            + "\"ifOutNUcastPkts\":0,\"ifOutOctets\":434865441,\"ifOutQLen\":0,\"ifOutUcastPkts\":2110394,"
            + "\"ifPhysAddress\":\"c8:5b:76:c9:e6:8c\",\"ifSpecific\":\".0.0\",\"ifSpeed\":1000000000,\"ifType\":6},"
            + "\"name\":\"interface\",\"tags\":{\"agent_host\":\"127.0.0.1\",\"ifDescr\":\"eth0\",\"ifIndex\":\"2\","
            + "\"sysName\":\"example.org\"},\"timestamp\":1575509815}\n";
    static final String IF_X_TABLE_ROW = "{\"fields\":{\"ifAlias\":\"uplink-core1\",\"ifConnectorPresent\":1,"
            + "\"ifCounterDiscontinuityTime\":0,\"ifHCInBroadcastPkts\":1200,\"ifHCInMulticastPkts\":5400,"
            + "\"ifHCInOctets\":918273645501,\"ifHCInUcastPkts\":812736451,\"ifHCOutBroadcastPkts\":300,"
            + "\"ifHCOutMulticastPkts\":4100,\"ifHCOutOctets\":1029384756102,\"ifHCOutUcastPkts\":902837465,"
            + "\"ifHighSpeed\":10000,\"ifInBroadcastPkts\":1200,\"ifInMulticastPkts\":5400,"
            + "\"ifLinkUpDownTrapEnable\":1,\"ifOutBroadcastPkts\":300,\"ifOutMulticastPkts\":4100,"
            + "\"ifPromiscuousMode\":2},\"name\":\"interface\",\"tags\":{\"agent_host\":\"192.0.2.1\","
            + "\"ifName\":\"Te0/1\",\"sysName\":\"rtr1.example.net\"},\"timestamp\":1700000000}\n";

    static final Instant README_TIME = Instant.parse("2019-12-05T01:36:55Z");

    private final TelegrafMetricParser parser = new TelegrafMetricParser(ExporterSettings.Telegraf.defaults());

    @Test
    void readsTheReadmeIfTableRow() {
        assertThat(parse(README_IF_TABLE_ROW)).isEqualTo(Parsed.accepted(new InterfaceRow("127.0.0.1", 2, null,
                "eth0", README_TIME, null, new Octets(3_852_386_380L, 434_865_441L, README_TIME), null,
                1_000_000_000L)));
    }

    @Test
    void readsAnIfXTableRowKnownOnlyByItsName() {
        Instant time = Instant.parse("2023-11-14T22:13:20Z");
        assertThat(parse(IF_X_TABLE_ROW)).isEqualTo(Parsed.accepted(new InterfaceRow("192.0.2.1", null, "Te0/1",
                null, time, new Octets(918_273_645_501L, 1_029_384_756_102L, time), null, 10_000L, null)));
    }

    @Test
    void readsTheReadmeUptimeAsTimeTicks() {
        // 113319.74 s (Telegraf's float(2) conversion) = 11331974 hundredths.
        assertThat(parse(README_UPTIME)).isEqualTo(Parsed.accepted(new UptimeRow("127.0.0.1", README_TIME,
                11_331_974L)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2^64-1 is all 64 bits set                 | 18446744073709551615 | -1
            2^63 is the sign bit alone                | 9223372036854775808  | -9223372036854775808
            2^64-616                                  | 18446744073709551000 | -616
            2^63-1 is the largest positive long       | 9223372036854775807  | 9223372036854775807
            """)
    void keepsCounter64AboveLongMaxAsItsBits(String description, String counter, long bits) {
        Parsed<TelegrafRow> parsed = parse(interfaceRow("\"ifHCInOctets\":" + counter + ",\"ifHCOutOctets\":7"));
        assertThat(parsed).isEqualTo(Parsed.accepted(new InterfaceRow("192.0.2.1", 3, null, null, T0,
                new Octets(bits, 7, T0), null, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ifHighSpeed is preferred                  | "ifHighSpeed":10000,"ifSpeed":4294967295 | 10000000000
            ifSpeed when no ifHighSpeed               | "ifSpeed":100000000                      | 100000000
            ifHighSpeed 0 (below 1 Mbit/s) -> ifSpeed | "ifHighSpeed":0,"ifSpeed":64000          | 64000
            ifSpeed 4294967295 is unknown             | "ifSpeed":4294967295                     | null
            ifSpeed 0 is unknown                      | "ifSpeed":0                              | null
            neither                                   | "ifMtu":1500                             | null
            """)
    void takesTheSpeedFromIfHighSpeedElseIfSpeed(String description, String fields, Long bitsPerSecond) {
        InterfaceRow row = (InterfaceRow) accepted(parse(interfaceRow(fields)));
        assertThat(row.bitsPerSecond()).isEqualTo(bitsPerSecond);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1s, Telegraf's default     | 1s  | 1767225600          | 2026-01-01T00:00:00Z
            1ms                        | 1ms | 1767225600123       | 2026-01-01T00:00:00.123Z
            1us, kept to the ms        | 1us | 1767225600123456    | 2026-01-01T00:00:00.123Z
            1ns, kept to the ms        | 1ns | 1767225600123456789 | 2026-01-01T00:00:00.123Z
            10ms                       | 10ms| 176722560012        | 2026-01-01T00:00:00.120Z
            """)
    void readsIntegerTimestampsInTheConfiguredUnit(String description, String unit, String timestamp,
                                                   Instant expected) {
        TelegrafMetricParser inUnit = new TelegrafMetricParser(withTimestampUnit(unit));
        String json = "{\"fields\":{\"sysUpTime\":5},\"name\":\"snmp\",\"tags\":{\"source\":\"r1\"},\"timestamp\":"
                + timestamp + "}";
        assertThat(inUnit.parse("telegraf", null, bytes(json)))
                .isEqualTo(Parsed.accepted(new UptimeRow("r1", expected, 500)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UTC                         | 2026-01-01T00:00:00Z           | 2026-01-01T00:00:00Z
            offset and fraction         | 2026-01-01T01:00:00.25+01:00   | 2026-01-01T00:00:00.250Z
            nanoseconds, kept to the ms | 2026-01-01T00:00:00.123456789Z | 2026-01-01T00:00:00.123Z
            lower-case t and z          | 2026-01-01t00:00:00z           | 2026-01-01T00:00:00Z
            """)
    void readsRfc3339StringTimestamps(String description, String timestamp, Instant expected) {
        String json = "{\"fields\":{\"sysUpTime\":5},\"name\":\"snmp\",\"tags\":{\"source\":\"r1\"},\"timestamp\":\""
                + timestamp + "\"}";
        assertThat(parse(json)).isEqualTo(Parsed.accepted(new UptimeRow("r1", expected, 500)));
    }

    @Test
    void prefersTheSourceTagToAgentHost() {
        String json = "{\"fields\":{\"ifInOctets\":1,\"ifOutOctets\":2},\"name\":\"interface\",\"tags\":"
                + "{\"agent_host\":\"10.0.0.1\",\"ifIndex\":\"4\",\"source\":\"r1\"},\"timestamp\":1767225600}";
        assertThat(((InterfaceRow) accepted(parse(json))).device()).isEqualTo("r1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ifIndex tag                        | "tags":{"ifIndex":"7","index":"9","source":"r1"},"fields":{"ifInOctets":1,"ifOutOctets":2} | 7
            index tag (index_as_tag = true)    | "tags":{"index":"9","source":"r1"},"fields":{"ifInOctets":1,"ifOutOctets":2}               | 9
            ifIndex field                      | "tags":{"source":"r1"},"fields":{"ifIndex":11,"ifInOctets":1,"ifOutOctets":2}              | 11
            """)
    void findsTheIfIndexInTagsThenFields(String description, String members, int ifIndex) {
        String json = "{\"name\":\"interface\"," + members + ",\"timestamp\":1767225600}";
        assertThat(((InterfaceRow) accepted(parse(json))).ifIndex()).isEqualTo(ifIndex);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sysUpTime, seconds (default)   | SECONDS   | "sysUpTime":1.5          | 150
            sysUptime, README sample config| SECONDS   | "sysUptime":113319.74    | 11331974
            uptime, README example output  | SECONDS   | "uptime":42              | 4200
            first configured name wins     | SECONDS   | "uptime":1,"sysUpTime":2 | 200
            TimeTicks                      | TIMETICKS | "sysUpTime":4294967295   | 4294967295
            """)
    void readsTheUptimeFieldInTheConfiguredUnit(String description, ExporterSettings.UptimeUnit unit, String fields,
                                                long ticks) {
        ExporterSettings.Telegraf defaults = ExporterSettings.Telegraf.defaults();
        TelegrafMetricParser inUnit = new TelegrafMetricParser(new ExporterSettings.Telegraf(
                defaults.timestampUnit(), defaults.interfaceMeasurements(), defaults.uptimeMeasurement(),
                defaults.uptimeFields(), unit, defaults.pollWindow(), defaults.counterWidthMemory()));
        String json = "{\"fields\":{" + fields + "},\"name\":\"snmp\",\"tags\":{\"source\":\"r1\"},"
                + "\"timestamp\":1767225600}";
        assertThat(inUnit.parse("telegraf", null, bytes(json)))
                .isEqualTo(Parsed.accepted(new UptimeRow("r1", T0, ticks)));
    }

    @Test
    void readsConfiguredMeasurementNames() {
        ExporterSettings.Telegraf defaults = ExporterSettings.Telegraf.defaults();
        TelegrafMetricParser renamed = new TelegrafMetricParser(new ExporterSettings.Telegraf(
                defaults.timestampUnit(), Set.of("ifTable", "ifXTable"), "router", List.of("up"),
                defaults.uptimeUnit(), defaults.pollWindow(), defaults.counterWidthMemory()));
        String row = "{\"fields\":{\"ifInOctets\":1,\"ifOutOctets\":2},\"name\":\"ifXTable\",\"tags\":"
                + "{\"ifIndex\":\"4\",\"source\":\"r1\"},\"timestamp\":1767225600}";
        String uptime = "{\"fields\":{\"up\":3},\"name\":\"router\",\"tags\":{\"source\":\"r1\"},"
                + "\"timestamp\":1767225600}";

        assertThat(renamed.parse("telegraf", null, bytes(row))).isEqualTo(Parsed.accepted(new InterfaceRow(
                "r1", 4, null, null, T0, null, new Octets(1, 2, T0), null, null)));
        assertThat(renamed.parse("telegraf", null, bytes(uptime)))
                .isEqualTo(Parsed.accepted(new UptimeRow("r1", T0, 300)));
        assertThat(renamed.parse("telegraf", null, bytes(README_IF_TABLE_ROW))).isEqualTo(Parsed.skipped(
                "measurement 'interface' is neither an interface measurement [ifTable, ifXTable] nor the uptime"
                        + " measurement 'router'"));
    }

    @Test
    void skipsOtherMeasurements() {
        String cpu = "{\"fields\":{\"usage_idle\":98.5},\"name\":\"cpu\",\"tags\":{\"cpu\":\"cpu-total\","
                + "\"host\":\"collector1\"},\"timestamp\":1767225600}\n";
        assertThat(parse(cpu)).isEqualTo(Parsed.skipped(
                "measurement 'cpu' is neither an interface measurement [interface] nor the uptime measurement"
                        + " 'snmp'"));
    }

    @Test
    void skipsAnSnmpMetricWithoutUptime() {
        String sysName = "{\"fields\":{\"sysContact\":\"noc\"},\"name\":\"snmp\",\"tags\":{\"source\":\"r1\"},"
                + "\"timestamp\":1767225600}";
        assertThat(parse(sysName)).isEqualTo(Parsed.skipped(
                "snmp metric of r1 has none of the uptime fields [sysUpTime, sysUptime, uptime]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON             | `fields=1 name=interface`                      | `not a JSON metric: Unrecognized token 'fields': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
            two objects          | `{"name":"cpu"} {"name":"cpu"}`                | `more than one JSON value in the record: Telegraf writes one metric per record`
            an array             | `[1,2]`                                         | `not a JSON object but ARRAY: Telegraf's json format writes {"fields","name","tags","timestamp"}`
            batch form           | `{"metrics":[]}`                                | `a {"metrics":[...]} batch: netpulse reads one metric per record, as outputs.kafka writes them`
            no name              | `{"fields":{},"tags":{}}`                       | `no measurement: 'name' is missing`
            name not a string    | `{"name":7}`                                    | `no measurement: 'name' is not a string`
            no tags              | `{"fields":{"sysUpTime":1},"name":"snmp","timestamp":1}` | `snmp metric: 'tags' is missing`
            fields not an object | `{"fields":[],"name":"snmp","tags":{"source":"r1"},"timestamp":1}` | `snmp metric: 'fields' is not an object`
            no device tag        | `{"fields":{"sysUpTime":1},"name":"snmp","tags":{"host":"c1"},"timestamp":1}` | `snmp metric: no 'source' or 'agent_host' tag naming the device`
            device with a bar    | `{"fields":{"sysUpTime":1},"name":"snmp","tags":{"source":"a|b"},"timestamp":1}` | `snmp metric: device 'a|b' contains '|', which netpulse keys cannot hold`
            no timestamp         | `{"fields":{"sysUpTime":1},"name":"snmp","tags":{"source":"r1"}}` | `snmp metric of r1: no 'timestamp'`
            fractional timestamp | `{"fields":{"sysUpTime":1},"name":"snmp","tags":{"source":"r1"},"timestamp":1.5}` | `snmp metric of r1: timestamp is neither an integer (in json_timestamp_units) nor an RFC 3339 string: 1.5`
            not RFC 3339         | `{"fields":{"sysUpTime":1},"name":"snmp","tags":{"source":"r1"},"timestamp":"01/01/2026"}` | `snmp metric of r1: timestamp '01/01/2026' is not an RFC 3339 date-time`
            uptime not a number  | `{"fields":{"sysUpTime":"5 days"},"name":"snmp","tags":{"source":"r1"},"timestamp":1}` | `snmp metric of r1: field sysUpTime is not a number: "5 days"`
            negative uptime      | `{"fields":{"sysUpTime":-1},"name":"snmp","tags":{"source":"r1"},"timestamp":1}` | `snmp metric of r1: field sysUpTime is not a sysUpTime of 0 to 2^32-1 hundredths of a second in unit SECONDS: -1`
            uptime above 2^32-1  | `{"fields":{"sysUpTime":42949672.96},"name":"snmp","tags":{"source":"r1"},"timestamp":1}` | `snmp metric of r1: field sysUpTime is not a sysUpTime of 0 to 2^32-1 hundredths of a second in unit SECONDS: 42949672.96`
            no interface id      | `{"fields":{"ifInOctets":1,"ifOutOctets":2},"name":"interface","tags":{"source":"r1"},"timestamp":1}` | `interface metric of r1: no ifIndex or index tag, and no ifName or ifDescr to match the row to its interface (set index_as_tag = true on the table)`
            ifIndex not a number | `{"fields":{},"name":"interface","tags":{"ifIndex":"eth0","source":"r1"},"timestamp":1}` | `interface metric of r1: tag ifIndex is not an ifIndex: 'eth0'`
            ifIndex 0            | `{"fields":{},"name":"interface","tags":{"index":"0","source":"r1"},"timestamp":1}` | `interface metric of r1: tag index is not an ifIndex (1 to 2147483647): 0`
            negative counter     | `{"fields":{"ifInOctets":-1,"ifOutOctets":2},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifInOctets is not an unsigned 32-bit value: -1`
            Counter32 above 2^32 | `{"fields":{"ifInOctets":4294967296,"ifOutOctets":2},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifInOctets is not an unsigned 32-bit value: 4294967296`
            Counter64 of 2^64    | `{"fields":{"ifHCInOctets":1,"ifHCOutOctets":18446744073709551616},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifHCOutOctets is not an unsigned 64-bit value: 18446744073709551616`
            counter as a string  | `{"fields":{"ifHCInOctets":"12","ifHCOutOctets":2},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifHCInOctets is not a number: "12"`
            fractional counter   | `{"fields":{"ifHCInOctets":1.5,"ifHCOutOctets":2},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifHCInOctets is not an integer: 1.5`
            one direction only   | `{"fields":{"ifHCInOctets":1},"name":"interface","tags":{"ifIndex":"1","source":"r1"},"timestamp":1}` | `interface metric of r1: field ifHCInOctets without ifHCOutOctets: a sample needs both directions of one width`
            """)
    void rejectsMalformedMetricsWithTheReason(String description, String json, String reason) {
        assertThat(parse(json)).isEqualTo(Parsed.rejected(reason));
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThat(parser.parse("telegraf", null, null)).isEqualTo(Parsed.rejected(
                "empty record: Telegraf's json format writes one metric object per record"));
    }

    @Test
    void readsAnIntegralFloatCounterAsAnInteger() {
        // Go prints an integral float64 without a decimal point, but JSON writers may add ".0" or an exponent.
        InterfaceRow row = (InterfaceRow) accepted(parse(interfaceRow("\"ifInOctets\":5.0,\"ifOutOctets\":6E2")));
        assertThat(row.octets32()).isEqualTo(new Octets(5, 600, T0));
    }

    static ExporterSettings.Telegraf withTimestampUnit(String telegrafUnit) {
        ExporterSettings.Telegraf defaults = ExporterSettings.Telegraf.defaults();
        return new ExporterSettings.Telegraf(ExporterSettings.Telegraf.timestampUnit(telegrafUnit),
                defaults.interfaceMeasurements(), defaults.uptimeMeasurement(), defaults.uptimeFields(),
                defaults.uptimeUnit(), defaults.pollWindow(), Duration.ofMinutes(15));
    }

    private static String interfaceRow(String fields) {
        return "{\"fields\":{" + fields + "},\"name\":\"interface\",\"tags\":{\"agent_host\":\"192.0.2.1\","
                + "\"ifIndex\":\"3\"},\"timestamp\":1767225600}";
    }

    private static TelegrafRow accepted(Parsed<TelegrafRow> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
        List<TelegrafRow> values = ((Parsed.Accepted<TelegrafRow>) parsed).values();
        assertThat(values).hasSize(1);
        return values.getFirst();
    }

    private Parsed<TelegrafRow> parse(String json) {
        return parser.parse("telegraf", null, bytes(json));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
