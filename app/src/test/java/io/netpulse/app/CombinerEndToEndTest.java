package io.netpulse.app;

import static io.netpulse.app.EmbeddedKafka.freePort;
import static io.netpulse.app.EndToEndKit.config;
import static io.netpulse.app.EndToEndKit.environment;
import static io.netpulse.app.EndToEndKit.flow;
import static io.netpulse.app.EndToEndKit.get;
import static io.netpulse.app.EndToEndKit.produce;
import static io.netpulse.app.EndToEndKit.readUntil;
import static io.netpulse.app.EndToEndKit.record;
import static io.netpulse.app.EndToEndKit.send;
import static io.netpulse.app.EndToEndKit.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.registry.client.HttpSchemaRegistryClient;
import io.netpulse.registry.client.RegistrySettings;
import io.netpulse.registry.serde.AvroSerdes;
import io.netpulse.schema.aggregate.FlowCounts;
import io.netpulse.schema.aggregate.TalkerFlow;
import io.netpulse.schema.aggregate.TalkerFlows;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.sourcestats.FlowCountsBatch;
import io.netpulse.topology.toptalkers.TalkerBatches;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows are summed per exporter and second before the repartitions of the per-source and per-IP statistics (the
 * per-source ones in one batch per exporter), and the sums reach them inside the exactly-once commit of their input
 * records: against a real broker, each repartition topic read committed holds far fewer records than flows, and
 * its sums per exporter and second are exactly those of the flows. Telegraf rows cross in batches per device, and
 * the site volumes of a device's interfaces as one share per minute.
 */
class CombinerEndToEndTest {

    private static final List<String> EXPORTERS = List.of("192.0.2.1", "192.0.2.2", "198.51.100.7");
    private static final int SECONDS = 4;
    private static final int FLOWS_PER_SECOND = 50;
    /** Every flow's destination (EndToEndKit's flows go from 192.0.2.10 to 198.51.100.20). */
    private static final String ADDRESS = "198.51.100.20";

    @TempDir
    Path stateDir;

    private static List<TalkerFlow> flowsOf(Deserializer<TalkerFlows> talkers, ConsumerRecord<byte[], byte[]> batch) {
        return talkers.deserialize(batch.topic(), batch.value()).getFlows();
    }

    /**
     * The last {@code count} longs of a record on a repartition topic whose value is a version byte, a source (an
     * exporter, a device) behind its length, then longs: a per-IP contribution's received and transmitted bytes, a
     * site share's minute, in and out bytes.
     */
    private static List<Long> lastLongs(ConsumerRecord<byte[], byte[]> record, int count) {
        byte[] value = record.value();
        ByteBuffer tail = ByteBuffer.wrap(value, value.length - count * Long.BYTES, count * Long.BYTES);
        List<Long> longs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            longs.add(tail.getLong());
        }
        return longs;
    }

    /** The source behind its length after the version byte of such a record. */
    private static String sourceOf(ConsumerRecord<byte[], byte[]> record) {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        value.get();
        byte[] source = new byte[value.getInt()];
        value.get(source);
        return new String(source, StandardCharsets.UTF_8);
    }

    @Test
    void theRepartitionsCarrySumsPerExporterAndSecondNotEveryFlow() {
        int httpPort = freePort();
        Map<String, String> environment = environment(stateDir, httpPort);
        AppConfig config = config(environment);
        URI registryUrl = URI.create("http://127.0.0.1:" + httpPort + "/registry");
        Instant t0 = EndToEndKit.recentMinute();
        try (Netpulse netpulse = new Netpulse(config).start();
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(RegistrySettings.of(registryUrl))) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            AvroSerdes serdes = new AvroSerdes(registry);
            // The flows' destination is an inventory address, so each flow also adds to its per-IP statistics.
            String inventory = config.topics().names().inventory();
            produce(netpulse.bootstrapServers(), List.of(record(inventory, "ip:" + ADDRESS, """
                    {"type": "ip", "address": "%s", "account_id": "acct-fc", "server_id": "srv-fc",
                     "server_created": "2024-01-01"}""".formatted(ADDRESS).getBytes(StandardCharsets.UTF_8))));
            Optional<String> token = EndToEndKit.demoToken(config.stateDir());
            String base = "http://127.0.0.1:" + httpPort;
            String day = t0.atZone(ZoneOffset.UTC).toLocalDate().toString();
            EndToEndKit.await("the address in the directory", () -> send(withToken(get(base
                    + "/accounts/acct-fc/dedicatedServers/srv-fc/ipAddresses/" + ADDRESS + "/statistics/traffic"
                    + "?startDate=" + day + "&endDate=" + day + "&scope=receive&period=hourly&method=sum"), token))
                    .statusCode() == 200);
            String topic = config.topics().names().flows();
            Serializer<FlowRecord> flows = serdes.framed(FlowRecord.class).serializer();
            // Exporter e, second s, flow f: 100 + f bytes and 1 + f % 3 packets, received at t0 + s + f ms.
            // Per exporter and second: 50 flows, 50 x 100 + (0 + ... + 49) = 6,225 bytes, and packets
            // 17 x 1 + 17 x 2 + 16 x 3 = 99 (f % 3 is 0 for 17 flows, 1 for 17, 2 for 16).
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int s = 0; s < SECONDS; s++) {
                for (int f = 0; f < FLOWS_PER_SECOND; f++) {
                    for (String exporter : EXPORTERS) {
                        FlowRecord flow = flow(exporter, t0.plusSeconds(s).plusMillis(f), 100 + f, 1 + f % 3);
                        records.add(record(topic, exporter, flows.serialize(topic, flow)));
                    }
                }
            }
            produce(netpulse.bootstrapServers(), records);

            // The repartition by source carries one batch per exporter and commit: a format byte 1, the number of
            // seconds, then per second its instant (as a difference from the second before) and its five counts.
            String repartition = config.streams().applicationId() + "-flow-stats-by-source-repartition";
            Deserializer<FlowCountsBatch> perSource = FlowCountsBatch.serde(serdes).deserializer();
            List<ConsumerRecord<byte[], byte[]>> read = readUntil(netpulse.bootstrapServers(), repartition,
                    sums -> sums.stream().flatMap(sum -> perSource.deserialize(repartition, sum.value()).seconds()
                            .stream()).mapToLong(FlowCounts::getFlows).sum() >= records.size());

            Map<String, long[]> bySecond = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> sum : read) {
                assertThat(sum.value()[0]).isEqualTo((byte) 1);
                String exporter = new String(sum.key(), StandardCharsets.UTF_8);
                List<FlowCounts> seconds = perSource.deserialize(repartition, sum.value()).seconds();
                assertThat(seconds).as("an exporter's seconds in the order they came")
                        .isSortedAccordingTo(Comparator.comparing(FlowCounts::getCountedAt));
                for (FlowCounts value : seconds) {
                    long second = value.getCountedAt().getEpochSecond() - t0.getEpochSecond();
                    long[] total = bySecond.computeIfAbsent(exporter + " +" + second + "s", any -> new long[3]);
                    total[0] += value.getFlows();
                    total[1] += value.getBytes();
                    total[2] += value.getPackets();
                }
            }
            Map<String, List<Long>> expected = new TreeMap<>();
            for (String exporter : EXPORTERS) {
                for (int s = 0; s < SECONDS; s++) {
                    expected.put(exporter + " +" + s + "s", List.of(50L, 6_225L, 99L));
                }
            }
            Map<String, List<Long>> actual = new TreeMap<>();
            bySecond.forEach((group, total) -> actual.put(group, List.of(total[0], total[1], total[2])));
            assertThat(actual).isEqualTo(expected);
            // 600 flows of 3 exporters in 12 exporter-seconds: a batch per exporter and commit that saw its flows.
            // Every flow is on the topic before the instance reads the first, so few commits split an exporter's.
            assertThat(read).hasSizeLessThanOrEqualTo(3 * EXPORTERS.size());

            // The address received every flow's bytes: per exporter and second 6,225, transmitted nothing. The
            // repartition's value is a version byte, the exporter behind its length, received and transmitted.
            String byAddress = config.streams().applicationId() + "-ip-traffic-by-address-repartition";
            List<ConsumerRecord<byte[], byte[]>> contributions = readUntil(netpulse.bootstrapServers(), byAddress,
                    sums -> sums.stream().mapToLong(sum -> lastLongs(sum, 2).get(0)).sum() >= 12 * 6_225L);
            Map<String, List<Long>> received = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> sum : contributions) {
                assertThat(new String(sum.key(), StandardCharsets.UTF_8)).isEqualTo(ADDRESS);
                long second = sum.timestamp() / 1000 - t0.getEpochSecond();
                received.merge(sourceOf(sum) + " +" + second + "s", lastLongs(sum, 2),
                        (x, y) -> List.of(x.get(0) + y.get(0), x.get(1) + y.get(1)));
            }
            Map<String, List<Long>> expectedReceived = new TreeMap<>();
            expected.keySet().forEach(group -> expectedReceived.put(group, List.of(6_225L, 0L)));
            assertThat(received).isEqualTo(expectedReceived);
            assertThat(contributions).hasSizeLessThanOrEqualTo(3 * expected.size());

            // Top talkers: each exporter's 200 flows reach its scope in order, joined per scope and commit, in the
            // repartition's own compact form.
            String byScope = config.streams().applicationId() + "-top-talkers-by-scope-repartition";
            Deserializer<TalkerFlows> talkers = TalkerBatches.serde(serdes).deserializer();
            List<ConsumerRecord<byte[], byte[]>> scoped = readUntil(netpulse.bootstrapServers(), byScope,
                    batches -> batches.stream().mapToInt(batch -> flowsOf(talkers, batch).size()).sum()
                            >= records.size());
            Map<String, Long> bytesPerScope = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> batch : scoped) {
                List<TalkerFlow> flowsOfBatch = flowsOf(talkers, batch);
                List<Instant> times = flowsOfBatch.stream().map(TalkerFlow::getCountedAt).toList();
                assertThat(times).as("a scope's flows in the order they were written").isSorted();
                bytesPerScope.merge(new String(batch.key(), StandardCharsets.UTF_8),
                        flowsOfBatch.stream().mapToLong(TalkerFlow::getBytes).sum(), Long::sum);
            }
            assertThat(bytesPerScope).isEqualTo(Map.of("source:192.0.2.1", 4 * 6_225L,
                    "source:192.0.2.2", 4 * 6_225L, "source:198.51.100.7", 4 * 6_225L));
            assertThat(scoped).hasSizeLessThanOrEqualTo(3 * EXPORTERS.size());
        }
    }

    @Test
    void aDevicesTelegrafRowsCrossTheRepartitionInBatchesNotOneByOne() {
        int httpPort = freePort();
        AppConfig config = config(environment(stateDir, httpPort));
        Instant t0 = EndToEndKit.recentMinute();
        try (Netpulse netpulse = new Netpulse(config).start()) {
            EndToEndKit.await("instance ready", () -> netpulse.health().ready());
            String topic = config.topics().names().telegraf();
            // Two devices, three polls a minute apart, each poll the device's uptime and, for each of its ten
            // interfaces, the ifTable and the ifXTable row: 3 x (1 + 10 x 2) = 63 rows per device, keyed by
            // device as routing_tag = "source" writes them.
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            List<String> devices = List.of("ce-1", "ce-2");
            for (int poll = 0; poll < 3; poll++) {
                Instant at = t0.plusSeconds(60L * poll);
                for (String device : devices) {
                    records.add(new ProducerRecord<>(topic, null, at.toEpochMilli(), utf8(device),
                            utf8(DemoFormats.telegrafUptime(device, at, 100_000L + 6_000L * poll))));
                    for (int ifIndex = 1; ifIndex <= 10; ifIndex++) {
                        CounterSample sample = EndToEndKit.sample(device, ifIndex, at, 1_000_000L * poll,
                                2_000_000L * poll);
                        sample.setIfName("xe-0/0/" + ifIndex);
                        sample.setIfSpeed(10_000_000_000L);
                        for (String row : DemoFormats.telegrafInterfaceRows(sample)) {
                            records.add(new ProducerRecord<>(topic, null, at.toEpochMilli(), utf8(device),
                                    utf8(row)));
                        }
                    }
                }
            }
            produce(netpulse.bootstrapServers(), records);

            // A batch is a version byte, kind 3, its row count (a one-byte varint below 128), then the rows.
            String repartition = config.streams().applicationId() + "-telegraf-by-device-repartition";
            List<ConsumerRecord<byte[], byte[]>> batches = readUntil(netpulse.bootstrapServers(), repartition,
                    read -> read.stream().mapToInt(batch -> batch.value()[2]).sum() >= records.size());
            Map<String, Integer> rowsPerDevice = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> batch : batches) {
                assertThat(batch.value()[0]).isEqualTo((byte) 1);
                assertThat(batch.value()[1]).isEqualTo((byte) 3);
                rowsPerDevice.merge(new String(batch.key(), StandardCharsets.UTF_8), (int) batch.value()[2],
                        Integer::sum);
            }
            assertThat(rowsPerDevice).isEqualTo(Map.of("ce-1", 63, "ce-2", 63));
            // 126 rows in batches: one per device and commit that saw its rows (2 when one commit saw them all).
            assertThat(batches).hasSizeLessThanOrEqualTo(6);

            // Each interface gives two intervals of a minute each, 1,000,000 bytes in and 2,000,000 out, to the
            // unassigned site (there is no inventory): 40 shares, summed per device, minute and second before the
            // repartition. Its value is a version byte, the device behind its length, the minute, in and out.
            String bySite = config.streams().applicationId() + "-site-volume-by-site-repartition";
            List<ConsumerRecord<byte[], byte[]>> shares = readUntil(netpulse.bootstrapServers(), bySite,
                    read -> read.stream().mapToLong(share -> lastLongs(share, 3).get(1)).sum() >= 40 * 1_000_000L);
            Map<String, List<Long>> perDeviceAndMinute = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> share : shares) {
                assertThat(new String(share.key(), StandardCharsets.UTF_8))
                        .isEqualTo("00000000-0000-0000-0000-000000000000");
                List<Long> bytes = lastLongs(share, 3);
                long minute = (bytes.get(0) - t0.toEpochMilli()) / 60_000;
                perDeviceAndMinute.merge(sourceOf(share) + " +" + minute + "m", bytes.subList(1, 3),
                        (x, y) -> List.of(x.get(0) + y.get(0), x.get(1) + y.get(1)));
            }
            assertThat(perDeviceAndMinute).isEqualTo(Map.of(
                    "ce-1 +0m", List.of(10_000_000L, 20_000_000L), "ce-1 +1m", List.of(10_000_000L, 20_000_000L),
                    "ce-2 +0m", List.of(10_000_000L, 20_000_000L), "ce-2 +1m", List.of(10_000_000L, 20_000_000L)));
            // One share per device, minute and commit that saw its interfaces: 4 when one commit saw them all.
            assertThat(shares).hasSizeLessThanOrEqualTo(12);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
