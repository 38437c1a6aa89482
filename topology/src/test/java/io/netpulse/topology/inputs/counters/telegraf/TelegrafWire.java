package io.netpulse.topology.inputs.counters.telegraf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Telegraf's SNMP metrics byte for byte as {@code outputs.kafka} with {@code data_format = "json"} does
 * (EXPORTERS.md 2a/2b): one metric per record, {@code {"fields":{...},"name":...,"tags":{...},"timestamp":...}}
 * with every object's keys sorted (Go's {@code json.Marshal} of a map), integers unquoted, tags as strings, the
 * timestamp in seconds ({@code json_timestamp_units = "1s"}, the default) and a trailing newline. Counters are
 * written unsigned, as gosnmp hands Counter64 to Telegraf.
 *
 * <p>Shared by the Telegraf end-to-end tests. Rows carry what a real poll carries besides the octet counters
 * (packet counters, status, MTU, ...), so the parser is shown to ignore them.
 *
 * @param deviceTag  {@code source} (current Telegraf, {@code agent_host_tag = "source"}) or {@code agent_host}
 *                   (the deprecated default)
 * @param indexAsTag whether the tables set {@code index_as_tag = true}, which adds an {@code index} tag to every row
 */
public record TelegrafWire(String deviceTag, boolean indexAsTag) {

    /** Current Telegraf as README tells users to configure it. */
    public static final TelegrafWire CURRENT = new TelegrafWire("source", true);
    /** An older Telegraf: {@code agent_host} tag, no {@code index} tag (ifTable rows still tag ifIndex). */
    public static final TelegrafWire OLDER = new TelegrafWire("agent_host", false);

    /** The Telegraf agent's own hostname, which it adds as tag {@code host} (no {@code omit_hostname}). */
    public static final String AGENT_HOSTNAME = "telegraf-1";
    /** The device's sysName, inherited by the table rows ({@code inherit_tags = ["sysName"]}). */
    public static final String SYS_NAME = "rtr1.example.net";

    /**
     * The top-level {@code snmp} metric: sysUpTime as field {@code uptime}, in seconds with two decimals as
     * Telegraf's {@code conversion = "float(2)"} gives it (Go drops a zero fraction: 1060.00 is written 1060).
     */
    public byte[] uptime(String device, Instant at, long sysUpTimeTicks) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("uptime", BigDecimal.valueOf(sysUpTimeTicks, 2).stripTrailingZeros().toPlainString());
        return metric("snmp", deviceTags(device), fields, at);
    }

    /**
     * One {@code IF-MIB::ifTable} row ({@code name = "interface"}, ifDescr as tag), the README's row with its
     * counters, index and description replaced; ifSpeed 1 Gbit/s.
     */
    public byte[] ifTableRow(String device, int ifIndex, String ifDescr, Instant at, long inOctets, long outOctets) {
        Map<String, String> tags = deviceTags(device);
        tags.put("ifDescr", quoted(ifDescr));
        tags.put("ifIndex", quoted(Integer.toString(ifIndex)));
        if (indexAsTag) {
            tags.put("index", quoted(Integer.toString(ifIndex)));
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("ifAdminStatus", "1");
        fields.put("ifInDiscards", "0");
        fields.put("ifInErrors", "0");
        fields.put("ifInNUcastPkts", "21");
        fields.put("ifInOctets", Long.toUnsignedString(inOctets));
        fields.put("ifInUcastPkts", "3634004");
        fields.put("ifInUnknownProtos", "0");
        fields.put("ifLastChange", "9088763");
        fields.put("ifMtu", "1500");
        fields.put("ifOperStatus", "1");
        fields.put("ifOutDiscards", "0");
        fields.put("ifOutErrors", "0");
        fields.put("ifOutNUcastPkts", "0");
        fields.put("ifOutOctets", Long.toUnsignedString(outOctets));
        fields.put("ifOutQLen", "0");
        fields.put("ifOutUcastPkts", "2110394");
        fields.put("ifPhysAddress", quoted("c8:5b:76:c9:e6:8c"));
        fields.put("ifSpecific", quoted(".0.0"));
        fields.put("ifSpeed", "1000000000");
        fields.put("ifType", "6");
        return metric("interface", tags, fields, at);
    }

    /**
     * One {@code IF-MIB::ifXTable} row ({@code name = "interface"}, ifName as tag), EXPORTERS.md's row with its
     * HC counters (unsigned 64-bit), index and name replaced; ifHighSpeed 10000 Mbit/s. Without
     * {@code index_as_tag} the row names its interface only by ifName.
     */
    public byte[] ifXTableRow(String device, int ifIndex, String ifName, Instant at, long hcInOctets,
                              long hcOutOctets) {
        Map<String, String> tags = deviceTags(device);
        tags.put("ifName", quoted(ifName));
        if (indexAsTag) {
            tags.put("index", quoted(Integer.toString(ifIndex)));
        }
        Map<String, String> fields = new TreeMap<>();
        fields.put("ifAlias", quoted("uplink-core1"));
        fields.put("ifConnectorPresent", "1");
        fields.put("ifCounterDiscontinuityTime", "0");
        fields.put("ifHCInBroadcastPkts", "1200");
        fields.put("ifHCInMulticastPkts", "5400");
        fields.put("ifHCInOctets", Long.toUnsignedString(hcInOctets));
        fields.put("ifHCInUcastPkts", "812736451");
        fields.put("ifHCOutBroadcastPkts", "300");
        fields.put("ifHCOutMulticastPkts", "4100");
        fields.put("ifHCOutOctets", Long.toUnsignedString(hcOutOctets));
        fields.put("ifHCOutUcastPkts", "902837465");
        fields.put("ifHighSpeed", "10000");
        fields.put("ifInBroadcastPkts", "1200");
        fields.put("ifInMulticastPkts", "5400");
        fields.put("ifLinkUpDownTrapEnable", "1");
        fields.put("ifOutBroadcastPkts", "300");
        fields.put("ifOutMulticastPkts", "4100");
        fields.put("ifPromiscuousMode", "2");
        return metric("interface", tags, fields, at);
    }

    private Map<String, String> deviceTags(String device) {
        Map<String, String> tags = new TreeMap<>();
        tags.put("host", quoted(AGENT_HOSTNAME));
        tags.put(deviceTag, quoted(device));
        tags.put("sysName", quoted(SYS_NAME));
        return tags;
    }

    /** Keys are written in the order Go writes map keys (sorted); values are already JSON. */
    private static byte[] metric(String name, Map<String, String> tags, Map<String, String> fields, Instant at) {
        if (at.getNano() != 0) {
            throw new IllegalArgumentException("json_timestamp_units = 1s writes whole seconds: " + at);
        }
        return ("{\"fields\":" + object(fields) + ",\"name\":" + quoted(name) + ",\"tags\":" + object(tags)
                + ",\"timestamp\":" + at.getEpochSecond() + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String object(Map<String, String> members) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(members).forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quoted(key)).append(':').append(value);
        });
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }
}
