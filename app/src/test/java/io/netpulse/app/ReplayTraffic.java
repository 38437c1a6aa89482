package io.netpulse.app;

import static io.netpulse.app.EndToEndKit.flow;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.postJson;

import io.netpulse.app.MultiInstanceTraffic.Query;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.sites.SiteVolumeFlow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The input of the backlog replay test, one list of records per source, and every answer it must give, computed by
 * hand. Everything is relative to {@code t0}, the start of the 40 minutes asserted, which end at midnight (UTC) at
 * {@link #end()}: the daily and hourly buckets asserted then hold nothing but those 40 minutes, whatever the sources
 * send after midnight.
 *
 * <p><b>Counters.</b> Eight devices polled every 60 s at t0 + k min, k = 0..41. Polls 0..40 give the 40 intervals of
 * [t0, t0 + 40 min); poll 41 (00:01) only makes Telegraf's poll 40 due (a Telegraf poll is emitted when its device's
 * next poll arrives) and its own interval, minute 00:00, lies after every range asserted, whether or not it is ever
 * emitted. Devices 0..3 write Telegraf JSON (the {@code snmp} metric with sysUpTime, then an ifTable and an ifXTable
 * row per interface, keyed by device as {@code routing_tag = "source"} does) with two interfaces each; devices 4..7
 * write netpulse's Avro samples with one interface. Each interface has a constant rate, see {@link #PORTS}. The
 * devices are named so that two share each partition of four (0 and 1 Telegraf, 2 and 3 Avro): a backlog written
 * device after device holds one device's 42 minutes before the other's on the same partition.
 *
 * <p><b>Flows.</b> Eight exporters, each sending one flow every 2 seconds from t0 until t0 + 47 min (traffic goes
 * on after midnight: the 10-minute per-IP sample ending at midnight closes at 00:05, its end plus the 5-minute grace,
 * once an exporter's flows are that far). Exporter {@code x} (multiplier {@code m = x + 1}), at second
 * {@code s = 2j} of a minute ({@code j} = 0..29):
 * <ul>
 *   <li>{@code j % 3 == 0}: 1000 m bytes, 10 m packets, from a foreign address to inventory address {@code x % 4};</li>
 *   <li>{@code j % 3 == 1}: 2000 m bytes, 20 m packets, from inventory address {@code x % 4} to a foreign one;</li>
 *   <li>{@code j % 3 == 2}: 3000 m bytes, 30 m packets, between two foreign addresses;</li>
 *   <li>{@code s == 0}: one more flow of 3000 m bytes and 30 m packets between foreign addresses.</li>
 * </ul>
 * Exporters 0..3 write goflow2 JSON, keyed (goflow2's {@code formatter.key: [sampler_address]} with hashing) by the
 * 4-byte FNV-1 digest of the address, and named so that two share partition 0 and two partition 1; exporters 4..7
 * write netpulse's Avro flows keyed by the address, two on partition 2 and two on partition 3.
 *
 * @param t0 the start of the 40 minutes asserted: 40 minutes before a UTC midnight
 */
record ReplayTraffic(Instant t0) {

    /** The minutes asserted. */
    static final Duration ASSERTED = Duration.ofMinutes(40);
    /** Polls at t0 + 0..41 min. */
    static final int POLLS = 42;
    /** Flows during [t0, t0 + 47 min), one every {@link #FLOW_INTERVAL_SECONDS}. */
    static final int FLOW_SECONDS = 47 * 60;
    static final int FLOW_INTERVAL_SECONDS = 2;
    static final int PARTITIONS = 4;

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final String IMPORT_STATS = "/api/mgmt.flowgateway_analytics/1.0/import_stats";
    private static final String UNASSIGNED_SITE = SiteVolumeFlow.UNASSIGNED_SITE;

    /**
     * One polled interface and its constant traffic. Octets a minute are 1,500,000 x (device + 1) / ifIndex in and
     * half of that out; the rate is octets x 8 / 60 bit/s.
     *
     * @param device        index into {@link #devices()}
     * @param ifIndex       the interface
     * @param site          index into {@link #sites()}
     * @param inSiteVolume  the inventory's count_in_site_volume
     * @param inOctetsPerMinute  octets in a minute
     * @param outOctetsPerMinute octets out a minute
     * @param inBitsPerSecond    in octets x 8 / 60
     * @param outBitsPerSecond   out octets x 8 / 60
     */
    record Port(int device, int ifIndex, int site, boolean inSiteVolume, long inOctetsPerMinute,
                long outOctetsPerMinute, long inBitsPerSecond, long outBitsPerSecond) {
    }

    /** Sites: interface ifIndex 1 of device d is in site d % 3, ifIndex 2 in site (d + 1) % 3. */
    static final List<Port> PORTS = List.of(
            new Port(0, 1, 0, true, 1_500_000, 750_000, 200_000, 100_000),
            new Port(0, 2, 1, true, 750_000, 375_000, 100_000, 50_000),
            new Port(1, 1, 1, true, 3_000_000, 1_500_000, 400_000, 200_000),
            new Port(1, 2, 2, true, 1_500_000, 750_000, 200_000, 100_000),
            new Port(2, 1, 2, true, 4_500_000, 2_250_000, 600_000, 300_000),
            new Port(2, 2, 0, true, 2_250_000, 1_125_000, 300_000, 150_000),
            new Port(3, 1, 0, true, 6_000_000, 3_000_000, 800_000, 400_000),
            // Counted in its interface metrics, but not in site 1's volume.
            new Port(3, 2, 1, false, 3_000_000, 1_500_000, 400_000, 200_000),
            new Port(4, 1, 1, true, 7_500_000, 3_750_000, 1_000_000, 500_000),
            new Port(5, 1, 2, true, 9_000_000, 4_500_000, 1_200_000, 600_000),
            new Port(6, 1, 0, true, 10_500_000, 5_250_000, 1_400_000, 700_000),
            new Port(7, 1, 1, true, 12_000_000, 6_000_000, 1_600_000, 800_000));

    /**
     * Octets a minute of each site, in and out, summed from {@link #PORTS} by hand:
     * site 0 = 1,500,000 (d0 if1) + 2,250,000 (d2 if2) + 6,000,000 (d3 if1) + 10,500,000 (d6 if1) = 20,250,000 in;
     * site 1 = 750,000 (d0 if2) + 3,000,000 (d1 if1) + 7,500,000 (d4 if1) + 12,000,000 (d7 if1) = 23,250,000 in
     * (d3 if2 is excluded); site 2 = 1,500,000 (d1 if2) + 4,500,000 (d2 if1) + 9,000,000 (d5 if1) = 15,000,000 in.
     * Out is half of in.
     */
    static final long[][] SITE_OCTETS_PER_MINUTE = {
        {20_250_000, 10_125_000},
        {23_250_000, 11_625_000},
        {15_000_000, 7_500_000},
    };
    /** The three sites together: 58,500,000 in and 29,250,000 out a minute. */
    static final long[] ALL_SITES_OCTETS_PER_MINUTE = {58_500_000, 29_250_000};

    /** The records of one source (a device or an exporter), in the order it wrote them. */
    record Source(String name, List<ProducerRecord<byte[], byte[]>> records) {
    }

    /**
     * 40 minutes before the last UTC midnight that lies at least 15 minutes back: the last records (00:06:58) are in
     * the past, never more than 5 minutes ahead of the clock, and the first well inside the 7-day minute retention.
     */
    static ReplayTraffic before(Instant now) {
        Instant midnight = now.minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.DAYS);
        return new ReplayTraffic(midnight.minus(ASSERTED));
    }

    /** The end of the asserted minutes: midnight. */
    Instant end() {
        return t0.plus(ASSERTED);
    }

    /** Devices 0..3 (Telegraf): two on partition 0, two on 1; 4..7 (Avro): two on partition 2, two on 3. */
    static List<String> devices() {
        List<String> devices = new ArrayList<>(pick(n -> "tg-edge-" + n, ReplayTraffic::keyPartition, 0, 0, 1, 1));
        devices.addAll(pick(n -> "av-edge-" + n, ReplayTraffic::keyPartition, 2, 2, 3, 3));
        return devices;
    }

    /** Exporters 0..3 (goflow2): two on partition 0, two on 1 by their key; 4..7 (Avro): two on 2, two on 3. */
    static List<String> exporters() {
        List<String> exporters = new ArrayList<>(pick(n -> "10.77.1." + n,
                exporter -> Utils.toPositive(Utils.murmur2(goflowKey(exporter))) % PARTITIONS, 0, 0, 1, 1));
        exporters.addAll(pick(n -> "10.77.2." + n, ReplayTraffic::keyPartition, 2, 2, 3, 3));
        return exporters;
    }

    static List<String> sites() {
        return List.of("5173e000-0000-4000-8000-000000000001", "5173e000-0000-4000-8000-000000000002",
                "5173e000-0000-4000-8000-000000000003");
    }

    /** Inventory address {@code a}; exporters {@code a} and {@code a + 4} send it traffic. */
    static String address(int a) {
        return "203.0.113." + (a + 1);
    }

    static String interfaceId(Port port) {
        return String.format("1f000000-0000-4000-8000-%012d", (port.device() + 1) * 10 + port.ifIndex());
    }

    /** Every interface in its site and the four addresses, stamped an hour before t0 so every poll finds them. */
    List<ProducerRecord<byte[], byte[]>> inventory(TopicNames topics) {
        long before = t0.minus(Duration.ofHours(1)).toEpochMilli();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Port port : PORTS) {
            String json = """
                    {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d,
                     "name": "xe-0/0/%d", "speed_bps": 10000000000, "count_in_site_volume": %s}
                    """.formatted(interfaceId(port), sites().get(port.site()), devices().get(port.device()),
                    port.ifIndex(), port.ifIndex(), port.inSiteVolume());
            records.add(new ProducerRecord<>(topics.inventory(), null, before, utf8("interface:" + interfaceId(port)),
                    utf8(json)));
        }
        for (int a = 0; a < 4; a++) {
            String json = """
                    {"type": "ip", "address": "%s", "account_id": "acct-rp-%d", "server_id": "srv-rp-%d",
                     "server_created": "2024-01-01"}
                    """.formatted(address(a), a, a);
            records.add(new ProducerRecord<>(topics.inventory(), null, before, utf8("ip:" + address(a)), utf8(json)));
        }
        return records;
    }

    /** One source per device, then one per exporter, each with its records in the order the source wrote them. */
    List<Source> sources(TopicNames topics, AvroSerdes serdes) {
        List<Source> sources = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            sources.add(new Source(devices().get(d), d < 4 ? telegraf(d, topics) : avroCounters(d, topics, serdes)));
        }
        for (int x = 0; x < 8; x++) {
            sources.add(new Source(exporters().get(x), flows(x, topics, serdes)));
        }
        return sources;
    }

    private List<ProducerRecord<byte[], byte[]>> telegraf(int d, TopicNames topics) {
        String device = devices().get(d);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int k = 0; k < POLLS; k++) {
            Instant poll = t0.plus(Duration.ofMinutes(k));
            records.add(telegrafRecord(topics, device, poll, DemoFormats.telegrafUptime(device, poll, uptime(d, k))));
            for (Port port : ports(d)) {
                for (String row : DemoFormats.telegrafInterfaceRows(sample(port, k))) {
                    records.add(telegrafRecord(topics, device, poll, row));
                }
            }
        }
        return records;
    }

    private List<ProducerRecord<byte[], byte[]>> avroCounters(int d, TopicNames topics, AvroSerdes serdes) {
        String device = devices().get(d);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int k = 0; k < POLLS; k++) {
            for (Port port : ports(d)) {
                CounterSample sample = sample(port, k);
                records.add(new ProducerRecord<>(topics.counters(), null, sample.getPollTime().toEpochMilli(),
                        utf8(device), serdes.framed(CounterSample.class).serializer().serialize(topics.counters(),
                        sample)));
            }
        }
        return records;
    }

    private List<ProducerRecord<byte[], byte[]>> flows(int x, TopicNames topics, AvroSerdes serdes) {
        String exporter = exporters().get(x);
        long m = x + 1;
        String inventory = address(x % 4);
        String foreignSource = "192.0.2." + m;
        String foreignDestination = "198.51.100." + m;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int n = 0; n < FLOW_SECONDS; n += FLOW_INTERVAL_SECONDS) {
            Instant at = t0.plusSeconds(n);
            int s = n % 60;
            List<FlowRecord> second = new ArrayList<>(2);
            switch (s / FLOW_INTERVAL_SECONDS % 3) {
                case 0 -> second.add(between(flow(exporter, at, 1000 * m, 10 * m), foreignSource, inventory));
                case 1 -> second.add(between(flow(exporter, at, 2000 * m, 20 * m), inventory, foreignDestination));
                default -> second.add(between(flow(exporter, at, 3000 * m, 30 * m), foreignSource,
                        foreignDestination));
            }
            if (s == 0) {
                second.add(between(flow(exporter, at, 3000 * m, 30 * m), foreignSource, foreignDestination));
            }
            for (FlowRecord record : second) {
                if (x < 4) {
                    records.add(new ProducerRecord<>(topics.flowMessages(), null, at.toEpochMilli(),
                            goflowKey(exporter), utf8(DemoFormats.goflow2(record, records.size()))));
                } else {
                    records.add(new ProducerRecord<>(topics.flows(), null, at.toEpochMilli(), utf8(exporter),
                            serdes.framed(FlowRecord.class).serializer().serialize(topics.flows(), record)));
                }
            }
        }
        return records;
    }

    /** Every query of every API over the asserted minutes, with its answer computed by hand. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        Instant end = end();
        for (Port port : PORTS) {
            String url = "/metrics/interfaces/" + interfaceId(port) + "/metrics";
            String label = devices().get(port.device()) + " ifIndex " + port.ifIndex();
            // 40 minutes: 1-minute steps, one point per minute.
            queries.add(new Query("interface metrics, 1 min, " + label,
                    base -> postJson(base + url, range(t0, end)), series(port, t0, Duration.ofMinutes(1), 40)));
            // 3 days: more than 1440 minutes, at most 1440 five-minute steps; the points of 23:20 .. 23:55.
            queries.add(new Query("interface metrics, 5 min, " + label,
                    base -> postJson(base + url, range(end.minus(Duration.ofDays(3)), end)),
                    series(port, t0, Duration.ofMinutes(5), 8)));
            // 16 days: more than 1440 fifteen-minute steps, so hours, read from the hour store: the hour of
            // 23:00, the time-weighted mean of its 40 minutes with traffic, the same constant rate.
            queries.add(new Query("interface metrics, 60 min, " + label,
                    base -> postJson(base + url, range(end.minus(Duration.ofDays(16)), end)),
                    series(port, end.minus(Duration.ofHours(1)), Duration.ofHours(1), 1)));
        }

        for (int site = 0; site < 3; site++) {
            String id = sites().get(site);
            long in = SITE_OCTETS_PER_MINUTE[site][0];
            long out = SITE_OCTETS_PER_MINUTE[site][1];
            queries.add(new Query("data transferred, 1 min, site " + site,
                    base -> get(base + transferredUrl(t0, end, 1) + "&site_ids%5B%5D=" + id),
                    transferred(t0, Duration.ofMinutes(1), 40, in, out)));
            // The hour of 23:00 holds the 40 minutes: 40 x the minute.
            queries.add(new Query("data transferred, 60 min, site " + site,
                    base -> get(base + transferredUrl(end.minus(Duration.ofHours(1)), end, 60) + "&site_ids%5B%5D="
                            + id),
                    transferred(end.minus(Duration.ofHours(1)), Duration.ofHours(1), 1, 40 * in, 40 * out)));
        }
        // Every interface is in a site from an hour before t0 on: the pseudo-site of interfaces without one (the
        // nil UUID, answered when named) has a bucket of zeros.
        queries.add(new Query("data transferred, 60 min, no site",
                base -> get(base + transferredUrl(end.minus(Duration.ofHours(1)), end, 60) + "&site_ids%5B%5D="
                        + UNASSIGNED_SITE),
                transferred(end.minus(Duration.ofHours(1)), Duration.ofHours(1), 1, 0, 0)));
        long allIn = ALL_SITES_OCTETS_PER_MINUTE[0];
        long allOut = ALL_SITES_OCTETS_PER_MINUTE[1];
        queries.add(new Query("data transferred, 1 min, every site",
                base -> get(base + transferredUrl(t0, end, 1)),
                transferred(t0, Duration.ofMinutes(1), 40, allIn, allOut)));
        queries.add(new Query("data transferred, 5 min, every site",
                base -> get(base + transferredUrl(t0, end, 5)),
                transferred(t0, Duration.ofMinutes(5), 8, 5 * allIn, 5 * allOut)));
        queries.add(new Query("data transferred, 60 min, every site",
                base -> get(base + transferredUrl(end.minus(Duration.ofHours(1)), end, 60)),
                transferred(end.minus(Duration.ofHours(1)), Duration.ofHours(1), 1, 40 * allIn, 40 * allOut)));

        // A minute of exporter x (m = x + 1): 31 flows; 10 x 1000 m + 10 x 2000 m + 10 x 3000 m + 3000 m
        // = 63,000 m bytes and 630 m packets; the busiest second is second 0 with 2 flows, 1000 m + 3000 m
        // = 4000 m bytes and 40 m packets. The hour of 23:00 holds 40 such minutes: 1,240 flows, 2,520,000 m bytes,
        // 25,200 m packets, and the largest minute peaks, the same as a minute's.
        List<String> hourRows = new ArrayList<>();
        List<Integer> byAddress = new ArrayList<>();
        for (int x = 0; x < 8; x++) {
            byAddress.add(x);
        }
        byAddress.sort(Comparator.comparing(x -> ipv4Number(exporters().get(x))));
        for (int x : byAddress) {
            hourRows.add(statsRow(end.minus(Duration.ofHours(1)), exporters().get(x), x + 1, 1_240, 2_520_000,
                    25_200));
        }
        for (int x = 0; x < 8; x++) {
            String exporter = exporters().get(x);
            long m = x + 1;
            List<String> rows = new ArrayList<>();
            for (int minute = 0; minute < 40; minute++) {
                rows.add(statsRow(t0.plus(Duration.ofMinutes(minute)), exporter, m, 31, 63_000, 630));
            }
            queries.add(new Query("import_stats per minute, " + exporter,
                    base -> postJson(base + IMPORT_STATS, statsQuery("flows_per_minute", t0, end, exporter)),
                    "[" + String.join(",", rows) + "]"));
        }
        queries.add(new Query("import_stats per hour, every source",
                base -> postJson(base + IMPORT_STATS, statsQuery("flows_per_hour", t0, end, "")),
                "[" + String.join(",", hourRows) + "]"));

        // Address a gets from exporters a and a + 4 (m = a + 1 and a + 5, together 2a + 6), every minute, 10 flows
        // each of 1000 m bytes received and 10 of 2000 m transmitted: 10,000 (2a + 6) received and 20,000 (2a + 6)
        // transmitted a minute, so a 10-minute base sample holds 100,000 (2a + 6) received, 200,000 (2a + 6)
        // transmitted and 300,000 (2a + 6) in total. The day's only samples are those of 23:20, 23:30, 23:40 and
        // 23:50 (the 00:00 one is the next day's): count 4, in the hour of 23:00.
        String day = DAY.format(t0);
        for (int a = 0; a < 4; a++) {
            long factor = 2L * a + 6;
            String path = "/accounts/acct-rp-" + a + "/dedicatedServers/srv-rp-" + a + "/ipAddresses/" + address(a)
                    + "/statistics/traffic?startDate=" + day + "&endDate=" + day;
            queries.add(new Query("per-IP receive, hourly sum, " + address(a),
                    base -> get(base + path + "&scope=receive&period=hourly&method=sum"),
                    dataSet(end.minus(Duration.ofHours(1)), 4 * 100_000 * factor)));
            queries.add(new Query("per-IP transmit, daily max, " + address(a),
                    base -> get(base + path + "&scope=transmit&period=daily&method=max"),
                    dataSet(t0.truncatedTo(ChronoUnit.DAYS), 200_000 * factor)));
            queries.add(new Query("per-IP total, daily avg, " + address(a),
                    base -> get(base + path + "&scope=total&period=daily&method=avg"),
                    dataSet(t0.truncatedTo(ChronoUnit.DAYS), 300_000 * factor)));
        }

        // Top talkers of exporter x (m = x + 1) over the 40 minutes. A minute sends from its foreign source
        // 10 x 1000 m + 10 x 3000 m + 3000 m = 43,000 m bytes (430 m packets) and from its inventory address
        // 10 x 2000 m = 20,000 m (200 m); to its foreign destination 10 x 2000 m + 10 x 3000 m + 3000 m = 53,000 m
        // (530 m) and to its inventory address 10 x 1000 m = 10,000 m (100 m): 63,000 m (630 m) in all. Every
        // address is kept, so forty minutes of it are exact.
        for (int x = 0; x < 8; x++) {
            String exporter = exporters().get(x);
            long m = x + 1;
            String inventory = address(x % 4);
            String url = "/top/sources/" + exporter + "?start=" + t0 + "&end=" + end + "&n=2";
            queries.add(new Query("top talkers, " + exporter, base -> get(base + url),
                    "{\"scope\":\"source\",\"id\":\"" + exporter + "\",\"start\":\"" + t0 + "\",\"end\":\"" + end
                            + "\",\"by\":\"bytes\",\"n\":2,\"total_bytes\":" + 2_520_000 * m + ",\"total_packets\":"
                            + 25_200 * m + ",\"sources\":[" + talker("192.0.2." + m, 1_720_000 * m, 17_200 * m) + ","
                            + talker(inventory, 800_000 * m, 8_000 * m) + "],\"destinations\":["
                            + talker("198.51.100." + m, 2_120_000 * m, 21_200 * m) + ","
                            + talker(inventory, 400_000 * m, 4_000 * m) + "]}"));
        }

        // Billing over the 40 minutes: 8 five-minute slots, all alike, so n = 8, rank ceil(7.6) = 8, and each
        // percentile is a slot's bytes x 8 / 300. An interface's slot is 5 x its minute: exactly its rate (octets a
        // minute x 8 / 60); aggregate is in + out, max is in.
        String period = "?start=" + t0 + "&end=" + end;
        for (Port port : PORTS) {
            queries.add(new Query("billing, " + devices().get(port.device()) + " ifIndex " + port.ifIndex(),
                    base -> get(base + "/billing/interfaces/" + interfaceId(port) + period),
                    billing("interface", interfaceId(port), port.inBitsPerSecond(), port.outBitsPerSecond())));
        }
        for (int site = 0; site < 3; site++) {
            String id = sites().get(site);
            queries.add(new Query("billing, site " + site, base -> get(base + "/billing/sites/" + id + period),
                    billing("site", id, SITE_OCTETS_PER_MINUTE[site][0] * 8 / 60,
                            SITE_OCTETS_PER_MINUTE[site][1] * 8 / 60)));
        }
        // Address a's slot: 5 x 10,000 (2a + 6) bytes received and 5 x 20,000 (2a + 6) transmitted.
        for (int a = 0; a < 4; a++) {
            long factor = 2L * a + 6;
            String path = "/billing/accounts/acct-rp-" + a + "/ipAddresses/" + address(a) + period;
            queries.add(new Query("billing, " + address(a), base -> get(base + path),
                    billing("ip-address", address(a), 50_000 * factor * 8.0 / 300, 100_000 * factor * 8.0 / 300,
                            150_000 * factor * 8.0 / 300)));
        }
        return queries;
    }

    /** One exact top talker, as the top-talkers API writes it. */
    private static String talker(String address, long bytes, long packets) {
        return "{\"address\":\"" + address + "\",\"bytes\":" + bytes + ",\"bytes_error\":0,\"packets\":" + packets
                + ",\"packets_error\":0,\"guaranteed\":true}";
    }

    private String billing(String subject, String id, double in, double out) {
        return billing(subject, id, in, out, in + out);
    }

    /** A billing answer over the 40 minutes: 8 of 8 slots, rank 8. */
    private String billing(String subject, String id, double in, double out, double aggregate) {
        return "{\"subject\":\"" + subject + "\",\"id\":\"" + id + "\",\"start\":\"" + t0 + "\",\"end\":\""
                + end() + "\",\"expected_samples\":8,\"samples\":8,\"rank\":8,\"in_bits_per_second\":" + in
                + ",\"out_bits_per_second\":" + out + ",\"max_bits_per_second\":" + Math.max(in, out)
                + ",\"aggregate_bits_per_second\":" + aggregate + "}";
    }

    /** The ids of every inventory interface, to know when the directory holds the inventory. */
    static List<String> interfaceIds() {
        return PORTS.stream().map(ReplayTraffic::interfaceId).toList();
    }

    private static List<Port> ports(int device) {
        return PORTS.stream().filter(port -> port.device() == device).toList();
    }

    /** Poll k of a port: 64-bit counters from 10^12 (d + 1) in and 5 x 10^11 (d + 1) out, growing at its rate. */
    private CounterSample sample(Port port, int k) {
        long d = port.device() + 1;
        return CounterSample.newBuilder()
                .setDevice(devices().get(port.device()))
                .setIfIndex(port.ifIndex())
                .setPollTime(t0.plus(Duration.ofMinutes(k)))
                .setSysUpTime(uptime(port.device(), k))
                .setInOctets(1_000_000_000_000L * d + k * port.inOctetsPerMinute())
                .setOutOctets(500_000_000_000L * d + k * port.outOctetsPerMinute())
                .setCounterWidth(64)
                .setIfSpeed(10_000_000_000L)
                .setIfName("xe-0/0/" + port.ifIndex())
                .build();
    }

    /** sysUpTime in hundredths: up for about 11 days, 6000 more each minute, far from its 2^32 wrap. */
    private static long uptime(int device, int k) {
        return 100_000_000L + device * 1_000_000L + k * 6_000L;
    }

    private static ProducerRecord<byte[], byte[]> telegrafRecord(TopicNames topics, String device, Instant poll,
                                                                 String json) {
        // outputs.kafka stamps a record with its metric's time (producer_timestamp = "metric").
        return new ProducerRecord<>(topics.telegraf(), null, poll.toEpochMilli(), utf8(device), utf8(json));
    }

    private static FlowRecord between(FlowRecord flow, String source, String destination) {
        return FlowRecord.newBuilder(flow).setSrcAddr(source).setDstAddr(destination).build();
    }

    private static String range(Instant from, Instant to) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    private static String series(Port port, Instant first, Duration step, int points) {
        return "{\"ifInOctets\":[" + points(first, step, points, port.inBitsPerSecond()) + "],\"ifOutOctets\":["
                + points(first, step, points, port.outBitsPerSecond()) + "]}";
    }

    private static String points(Instant first, Duration step, int count, long value) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add("{\"clock\":\"" + CLOCK.format(first.plus(step.multipliedBy(i))) + "\",\"value\":" + value
                    + "}");
        }
        return String.join(",", points);
    }

    private static String transferredUrl(Instant from, Instant to, int bucketMinutes) {
        return "/metrics/dashboard/data-transferred?start_time=" + TIME.format(from) + "&end_time=" + TIME.format(to)
                + "&bucket_interval_minutes=" + bucketMinutes;
    }

    private static String transferred(Instant first, Duration step, int count, long in, long out) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add("{\"time_slot\":\"" + CLOCK.format(first.plus(step.multipliedBy(i))) + "\",\"total_in_bytes\":"
                    + in + ",\"total_out_bytes\":" + out + ",\"total_combined_bytes\":" + (in + out) + "}");
        }
        return "[" + String.join(",", points) + "]";
    }

    private static String statsQuery(String type, Instant from, Instant to, String source) {
        return "{\"stats_type\":\"" + type + "\",\"start_time\":" + from.getEpochSecond() + ",\"end_time\":"
                + to.getEpochSecond() + ",\"source_ip\":\"" + source + "\"}";
    }

    /** One row with base counts {@code flows}, {@code bytes} x m and {@code packets} x m; peaks 2, 4000 m, 40 m. */
    private static String statsRow(Instant time, String exporter, long m, long flows, long bytes, long packets) {
        return "{\"time\":\"" + CLOCK.format(time) + "+00:00\",\"source_ip\":\"" + exporter + "\",\"n_flows\":" + flows
                + ",\"n_bytes\":" + bytes * m + ",\"n_bad_bytes\":0,\"n_packets\":" + packets * m
                + ",\"n_bad_packets\":0,\"peak_n_flows\":\"2\",\"peak_n_bytes\":\"" + 4000 * m
                + "\",\"peak_n_packets\":\"" + 40 * m + "\"}";
    }

    private static String dataSet(Instant date, long value) {
        return "[{\"count\":4,\"date\":\"" + CLOCK.format(date) + "\",\"values\":" + value + "}]";
    }

    private static long ipv4Number(String address) {
        long number = 0;
        for (String octet : address.split("\\.")) {
            number = number * 256 + Integer.parseInt(octet);
        }
        return number;
    }

    /** goflow2's record key with {@code formatter.key: [sampler_address]}: the FNV-1 32-bit digest of the address. */
    static byte[] goflowKey(String exporter) {
        int hash = 0x811c9dc5;
        for (byte b : exporter.getBytes(StandardCharsets.UTF_8)) {
            hash *= 0x01000193;
            hash ^= b & 0xff;
        }
        return new byte[] {(byte) (hash >>> 24), (byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash};
    }

    /** The partition Kafka's default partitioner gives a UTF-8 key among {@link #PARTITIONS}. */
    private static int keyPartition(String key) {
        return Utils.toPositive(Utils.murmur2(utf8(key))) % PARTITIONS;
    }

    /** The first candidates {@code name(1), name(2), ...} that land on {@code partitions}, one for each entry. */
    private static List<String> pick(IntFunction<String> name, ToIntFunction<String> partition, int... partitions) {
        int[] wanted = new int[PARTITIONS];
        for (int p : partitions) {
            wanted[p]++;
        }
        List<String> chosen = new ArrayList<>();
        for (int n = 1; chosen.size() < partitions.length; n++) {
            String candidate = name.apply(n);
            int p = partition.applyAsInt(candidate);
            if (wanted[p] > 0) {
                wanted[p]--;
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(partition));
        return chosen;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
