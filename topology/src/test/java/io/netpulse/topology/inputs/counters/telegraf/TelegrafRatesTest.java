package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopicNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.counters.CounterSamples;
import io.netpulse.topology.rates.RateBucket;
import io.netpulse.topology.rates.RatesTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 end to end for Telegraf: SNMP polls written to the {@code telegraf} topic exactly as Telegraf writes
 * them (an {@code snmp} metric with sysUpTime, then an ifTable and an ifXTable row per interface, each its own
 * record) go through the whole topology ({@link NetpulseTopology#build}) to the rate stores and
 * {@code netpulse.interface-rates}.
 *
 * <p>The device polls every 60 s. Telegraf reads the uptime and walks ifTable at second 60k and ends the ifXTable
 * walk a second later, so each merged sample is stamped 60k + 1 (the time of the row its 64-bit counters came
 * from) and each interval [60k + 1, 60k + 61) gives 59 s to one minute and 1 s to the next. The traffic is
 * 7 500 000 octets in and 1 875 000 out per 60 s: 1 000 000 and 250 000 bit/s, so 59 s carry 7 375 000 and
 * 1 843 750 octets and 1 s carries 125 000 and 31 250. A poll is emitted once the device is heard from again, or
 * once its first row arrived 5 s ago by the driver's wall clock, which follows the piped times.
 */
class TelegrafRatesTest {

    private static final String DEVICE = "192.0.2.1";
    private static final InterfaceKey TE0_1 = new InterfaceKey(DEVICE, 2);
    private static final long IN_PER_MINUTE = 7_500_000L;
    private static final long OUT_PER_MINUTE = 1_875_000L;
    private static final long TWO_TO_THE_32 = 1L << 32;
    /** 5 x 2^32 - 2 500 000: the low 32 bits (ifInOctets) wrap between the first two polls, the HC counter not. */
    private static final long HC_IN_START = 21_472_336_480L;
    /** EXPORTERS.md's ifHCOutOctets. */
    private static final long HC_OUT_START = 1_029_384_756_102L;
    /** sysUpTime at T0: 113319.74 s, as the README example output shows it. */
    private static final long UPTIME_START_TICKS = 11_331_974L;

    @TempDir
    Path stateDir;
    private RatesTestDriver rates;

    @BeforeEach
    void start() {
        rates = new RatesTestDriver(stateDir);
    }

    @AfterEach
    void stop() {
        rates.close();
    }

    private static Instant at(long second) {
        return T0.plusSeconds(second);
    }

    private void pipe(byte[] telegrafMetric, Instant at) {
        rates.pipe(rates.topics().names().telegraf(), DEVICE.getBytes(StandardCharsets.UTF_8), telegrafMetric, at);
    }

    /**
     * One Telegraf poll of {@link #TE0_1} at {@code second}: the uptime, the ifTable row (its 32-bit counters the
     * low bits of the HC ones, as IF-MIB defines them) and, a second later, the ifXTable row.
     */
    private void poll(long second, long uptimeTicks, long hcIn, long hcOut) {
        pipe(TelegrafWire.CURRENT.uptime(DEVICE, at(second), uptimeTicks), at(second));
        pipe(TelegrafWire.CURRENT.ifTableRow(DEVICE, 2, "TenGigE0/1", at(second), low32(hcIn), low32(hcOut)),
                at(second));
        pipe(TelegrafWire.CURRENT.ifXTableRow(DEVICE, 2, "Te0/1", at(second + 1), hcIn, hcOut), at(second + 1));
    }

    /** Poll {@code k} of the steady traffic: uptime and counters advanced by k minutes. */
    private void steadyPoll(int k) {
        poll(60L * k, UPTIME_START_TICKS + 6_000L * k, HC_IN_START + IN_PER_MINUTE * k,
                HC_OUT_START + OUT_PER_MINUTE * k);
    }

    private static long low32(long counter) {
        return Long.remainderUnsigned(counter, TWO_TO_THE_32);
    }

    /**
     * Moves stream time to {@code second} with ifTable-only polls of another device at {@code second} and a
     * minute later, emitted by a third poll: its one interval gives a share stamped {@code second}, and every
     * minute ending 20 minutes (the grace) before it closes.
     */
    private List<KeyValue<Instant, RateBucket>> minutes(InterfaceKey key) {
        return fetch(StoreNames.INTERFACE_RATES_MINUTE, key);
    }

    private List<KeyValue<Instant, RateBucket>> fetch(String store, InterfaceKey key) {
        WindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> windows =
                rates.driver().getTimestampedWindowStore(store);
        List<KeyValue<Instant, RateBucket>> found = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> iterator = windows.fetch(key, at(-86_400),
                at(86_400))) {
            iterator.forEachRemaining(window -> found.add(
                    KeyValue.pair(Instant.ofEpochMilli(window.key), window.value.value())));
        }
        return found;
    }

    private static KeyValue<Instant, RateBucket> window(long second, long in, long out, long coveredMillis) {
        return KeyValue.pair(at(second), new RateBucket(in, out, coveredMillis));
    }

    private double count(String event) {
        return rates.count(event, DEVICE);
    }

    @Test
    void pollsGiveExactBitRatesInTheMinuteStoreAndOneRecordPerClosedMinute() {
        for (int k = 0; k <= 4; k++) {
            steadyPoll(k);
        }

        // Samples at 1, 61, 121 and 181 s; the poll of 240 s is open: its first row arrived 1 s ago.
        List<KeyValue<Instant, RateBucket>> minutes = minutes(TE0_1);
        assertThat(minutes).containsExactly(
                window(0, 7_375_000, 1_843_750, 59_000),
                window(60, 125_000 + 7_375_000, 31_250 + 1_843_750, 60_000),
                window(120, 125_000 + 7_375_000, 31_250 + 1_843_750, 60_000),
                window(180, 125_000, 31_250, 1_000));
        assertThat(minutes).extracting(minute -> minute.value.inBitsPerSecond() + " " + minute.value.outBitsPerSecond())
                .containsOnly("1000000.0 250000.0");
        // Hour 00: 22 500 000 octets in and 5 625 000 out over the 180 s the three intervals cover.
        assertThat(fetch(StoreNames.INTERFACE_RATES_HOUR, TE0_1))
                .containsExactly(window(0, 22_500_000, 5_625_000, 180_000));
        assertThat(rates.interfaceRates().isEmpty()).as("no minute is final within the 20-minute grace").isTrue();

        // The poll of 240 s (sample at 241 s) is emitted once its poll window has passed by the wall clock; it
        // fills minute 00:03. The device then sends nothing: after the 20-minute grace by the wall clock it is
        // quiet, its clock moves on with the wall clock, and its minutes up to its last poll close.
        rates.advanceWallClock(Duration.ofSeconds(10));
        assertThat(rates.interfaceRates().isEmpty()).isTrue();
        rates.advanceWallClock(Duration.ofMinutes(20));

        UUID derived = UUID.nameUUIDFromBytes("netpulse:interface:192.0.2.1|2".getBytes(StandardCharsets.UTF_8));
        assertExactly(rates.interfaceRates(), 
                KeyValue.pair(TE0_1, rate(derived, 0, 1_000_000.0, 250_000.0, 7_375_000, 1_843_750, 59_000)),
                KeyValue.pair(TE0_1, rate(derived, 60, 1_000_000.0, 250_000.0, 7_500_000, 1_875_000, 60_000)),
                KeyValue.pair(TE0_1, rate(derived, 120, 1_000_000.0, 250_000.0, 7_500_000, 1_875_000, 60_000)),
                KeyValue.pair(TE0_1, rate(derived, 180, 1_000_000.0, 250_000.0, 7_500_000, 1_875_000, 60_000)));
        assertThat(rates.interfaceRates().isEmpty()).isTrue();
        assertThat(Map.of("samples", count(TelegrafMerge.SAMPLE), "baseline", count("counter-baseline"),
                "intervals", count("counter-interval"), "rows accepted", rates.count("ingest-accepted", "telegraf")))
                .isEqualTo(Map.of("samples", 5.0, "baseline", 1.0, "intervals", 4.0,
                        // 5 polls of 3 records
                        "rows accepted", 15.0));
        assertThat(rates.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void ifTableAndIfXTableRowsOfOnePollCountOnce() {
        // ifXTable walked first here, ifTable a second later: the poll is stamped with the ifXTable row (00:00,
        // 00:01, 00:02), and its ifInOctets wraps from 2^32 - 2 500 000 to 5 000 000 between the first two polls.
        for (int k = 0; k <= 3; k++) {
            long second = 60L * k;
            long hcIn = HC_IN_START + IN_PER_MINUTE * k;
            long hcOut = HC_OUT_START + OUT_PER_MINUTE * k;
            pipe(TelegrafWire.CURRENT.uptime(DEVICE, at(second), UPTIME_START_TICKS + 6_000L * k), at(second));
            pipe(TelegrafWire.CURRENT.ifXTableRow(DEVICE, 2, "Te0/1", at(second), hcIn, hcOut), at(second));
            pipe(TelegrafWire.CURRENT.ifTableRow(DEVICE, 2, "TenGigE0/1", at(second + 1), low32(hcIn),
                    low32(hcOut)), at(second + 1));
        }

        // One 64-bit sample per poll: exactly the HC deltas, whole minutes, no wrap and no width flip. Counted
        // twice, the minutes would hold twice the octets or the intervals would break on the width change.
        assertThat(minutes(TE0_1)).containsExactly(
                window(0, 7_500_000, 1_875_000, 60_000),
                window(60, 7_500_000, 1_875_000, 60_000));
        assertThat(Map.of("samples", count(TelegrafMerge.SAMPLE), "intervals", count("counter-interval"),
                "wraps", count("counter-wrap"), "resets", count("counter-reset"),
                "duplicates", count("counter-duplicate")))
                .isEqualTo(Map.of("samples", 3.0, "intervals", 2.0, "wraps", 0.0, "resets", 0.0, "duplicates", 0.0));
    }

    @Test
    void devicesWhoseRecordsArriveAPollApartKeepTheirOwnPolls() {
        // A second agent's device, polled at 60k + 30 s with 2 Mbit/s in and nothing out, whose Telegraf flushes
        // a whole poll later than the first device's: each device's polls close on its own records (or by the wall
        // clock), never on another device's.
        String late = "192.0.2.2";
        InterfaceKey lateKey = new InterfaceKey(late, 7);
        List<Runnable> latePolls = new ArrayList<>();
        for (int k = 0; k <= 3; k++) {
            long second = 30 + 60L * k;
            long in = 15_000_000L * k;
            long ticks = 500_000L + 6_000L * k;
            latePolls.add(() -> {
                byte[] key = late.getBytes(StandardCharsets.UTF_8);
                String topic = rates.topics().names().telegraf();
                rates.pipe(topic, key, TelegrafWire.CURRENT.uptime(late, at(second), ticks), at(second));
                rates.pipe(topic, key, TelegrafWire.CURRENT.ifTableRow(late, 7, "ge-0/0/7", at(second),
                        low32(in), 0), at(second));
                rates.pipe(topic, key, TelegrafWire.CURRENT.ifXTableRow(late, 7, "ge-0/0/7", at(second + 1), in, 0),
                        at(second + 1));
            });
        }
        steadyPoll(0);
        steadyPoll(1);
        for (int k = 0; k <= 3; k++) {
            latePolls.get(k).run();
            steadyPoll(k + 2);
        }

        assertThat(minutes(TE0_1)).containsExactly(
                window(0, 7_375_000, 1_843_750, 59_000),
                window(60, 7_500_000, 1_875_000, 60_000),
                window(120, 7_500_000, 1_875_000, 60_000),
                window(180, 7_500_000, 1_875_000, 60_000),
                window(240, 125_000, 31_250, 1_000));
        // Samples at 31, 91, 151 and 211 s (the poll of 210 s by the wall clock, once the first device's poll of
        // 300 s moved it on): each interval gives 29 s to its first minute and 31 s to the next.
        assertThat(minutes(lateKey)).containsExactly(
                window(0, 7_250_000, 0, 29_000),
                window(60, 7_750_000 + 7_250_000, 0, 60_000),
                window(120, 7_750_000 + 7_250_000, 0, 60_000),
                window(180, 7_750_000, 0, 31_000));
        assertThat(Map.of("late", rates.count(TelegrafMerge.ROW_LATE, "all"),
                "out of order", rates.count("counter-out-of-order", "all"),
                "resets", rates.count("counter-reset", "all")))
                .isEqualTo(Map.of("late", 0.0, "out of order", 0.0, "resets", 0.0));
    }

    @Test
    void rebootSeenThroughTheUptimeMetricGivesNoRateForItsInterval() {
        steadyPoll(0);
        steadyPoll(1);
        // Rebooted 30.5 s before the third poll: sysUpTime 30.5 s, counters restarted near zero.
        poll(120, 3_050, 1_000, 500);
        poll(180, 9_050, 1_000 + IN_PER_MINUTE, 500 + OUT_PER_MINUTE);
        pipe(TelegrafWire.CURRENT.uptime(DEVICE, at(240), 15_050), at(240));

        // Intervals 00:01..01:01 and 02:01..03:01; none across the reboot (01:01..02:01).
        assertThat(minutes(TE0_1)).containsExactly(
                window(0, 7_375_000, 1_843_750, 59_000),
                window(60, 125_000, 31_250, 1_000),
                window(120, 7_375_000, 1_843_750, 59_000),
                window(180, 125_000, 31_250, 1_000));
        // The uptime told a reboot from a wrap: without it, the decrease would have counted as a reset.
        assertThat(Map.of("reboots", count("counter-reboot"), "resets", count("counter-reset"),
                "intervals", count("counter-interval")))
                .isEqualTo(Map.of("reboots", 1.0, "resets", 0.0, "intervals", 2.0));
        assertThat(rates.count("counter-reboot", "all")).isEqualTo(1.0);
    }

    @Test
    void thirtyTwoBitWrapInIfTableOnlyRowsGivesTheExactRate() {
        // An older Telegraf polling ifTable only, devices tagged agent_host, interfaces by the ifIndex tag.
        // 2^32 - 2 500 000 -> 5 000 000 is 7 500 000 octets in 60 s: 1 Mbit/s; out 100 -> 1 875 100.
        TelegrafWire older = TelegrafWire.OLDER;
        pipe(older.uptime(DEVICE, at(0), 10_000), at(0));
        pipe(older.ifTableRow(DEVICE, 2, "eth0", at(0), TWO_TO_THE_32 - 2_500_000, 100), at(0));
        pipe(older.uptime(DEVICE, at(60), 16_000), at(60));
        pipe(older.ifTableRow(DEVICE, 2, "eth0", at(60), 5_000_000, 1_875_100), at(60));
        pipe(older.uptime(DEVICE, at(120), 22_000), at(120));

        List<KeyValue<Instant, RateBucket>> minutes = minutes(TE0_1);
        assertThat(minutes).containsExactly(window(0, 7_500_000, 1_875_000, 60_000));
        assertThat(minutes.getFirst().value.inBitsPerSecond()).isEqualTo(1_000_000.0);
        assertThat(minutes.getFirst().value.outBitsPerSecond()).isEqualTo(250_000.0);
        assertThat(count("counter-wrap")).isEqualTo(1.0);
    }

    @Test
    void counter64AboveLongMaxValueInIfXTableRowsGivesTheExactRate() {
        // In crosses 2^63 (Long.MAX_VALUE + 1) without wrapping: 9223372036852275808 -> 9223372036859775808.
        // Out wraps at 2^64: 18446744073709551000 (2^64 - 616) -> 1874384, that is 616 + 1 874 384 octets.
        poll(0, 10_000, Long.parseUnsignedLong("9223372036852275808"),
                Long.parseUnsignedLong("18446744073709551000"));
        poll(60, 16_000, Long.parseUnsignedLong("9223372036859775808"), 1_874_384);
        pipe(TelegrafWire.CURRENT.uptime(DEVICE, at(120), 22_000), at(120));

        assertThat(minutes(TE0_1)).containsExactly(
                window(0, 7_375_000, 1_843_750, 59_000),
                window(60, 125_000, 31_250, 1_000));
        assertThat(Map.of("wraps", count("counter-wrap"), "resets", count("counter-reset"),
                "over speed", count("counter-over-speed")))
                .isEqualTo(Map.of("wraps", 1.0, "resets", 0.0, "over speed", 0.0));
    }

    /**
     * The Telegraf path pays two repartitions: by device before the merge (Telegraf's key hashing cannot be
     * trusted to match {@link InterfaceKey#partitioner()}), then, as one stream with {@code netpulse.counters},
     * into the counter pipeline's own repartition. Merging the merged samples after that repartition instead
     * would put two independently sized topics in one sub-topology without a co-partitioning guarantee.
     */
    @Test
    void telegrafPathRepartitionsByDeviceThenJoinsTheCounterRepartition() {
        Set<String> repartitionTopics = new TreeSet<>();
        Map<String, Set<String>> sourcesBySubtopologyProcessor = sourcesOfTheCounterProcessors(
                TopologySettings.defaults(), repartitionTopics);

        String byDevice = TelegrafCounters.BY_DEVICE + "-repartition";
        String counterSamples = CounterSamples.REPARTITION + "-repartition";
        // The merge node puts netpulse.counters' stateless ingest in the sub-topology of the Telegraf merge; the
        // merge's state lives only in the partitions of telegraf-by-device, so that shares no state.
        assertThat(sourcesBySubtopologyProcessor).isEqualTo(Map.of(
                "telegraf-parse", Set.of("telegraf"),
                "telegraf-merge", Set.of("netpulse.counters", byDevice),
                // The site volumes join the intervals with the inventory, partitioned by device as well.
                "counter-deltas", Set.of(counterSamples, "site-interfaces-by-device-repartition")));
        // Only these two carry counter samples; the other pipelines' repartitions are their own tests' business.
        assertThat(repartitionTopics.stream().filter(topic -> topic.startsWith("telegraf")
                || topic.startsWith("counter"))).containsExactlyInAnyOrder(byDevice, counterSamples);
    }

    /**
     * An operator whose pollers are all Telegraf reads it alone: the merge's task then has no empty
     * {@code netpulse.counters} partition to check on every row, and the polls give the rates they give with every
     * input read (the first test's minutes).
     */
    @Test
    void telegrafReadAloneGivesTheSameRatesAndNetpulseCountersIsNotRead() {
        rates.close();
        TopologySettings defaults = TopologySettings.defaults();
        TopologySettings telegrafAlone = new TopologySettings(defaults.topics().reading(
                EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.FLOW_MESSAGES)), defaults.rates(),
                defaults.flows(), defaults.exporters(), defaults.ip(), defaults.alerts());
        rates = new RatesTestDriver(stateDir.resolve("telegraf-alone"), telegrafAlone);

        for (int k = 0; k <= 4; k++) {
            steadyPoll(k);
        }

        assertThat(minutes(TE0_1)).containsExactly(
                window(0, 7_375_000, 1_843_750, 59_000),
                window(60, 125_000 + 7_375_000, 31_250 + 1_843_750, 60_000),
                window(120, 125_000 + 7_375_000, 31_250 + 1_843_750, 60_000),
                window(180, 125_000, 31_250, 1_000));
        assertThat(rates.deadLetters().isEmpty()).isTrue();
        assertThatThrownBy(() -> rates.pipeCounters(new byte[] {0}, at(300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("netpulse.counters");
        assertThat(sourcesOfTheCounterProcessors(telegrafAlone, new TreeSet<>()).get("telegraf-merge"))
                .isEqualTo(Set.of(TelegrafCounters.BY_DEVICE + "-repartition"));
    }

    /** The source topics of the sub-topology of each counter processor; adds every repartition written. */
    private Map<String, Set<String>> sourcesOfTheCounterProcessors(TopologySettings settings,
                                                                   Set<String> repartitionTopics) {
        TopologyDescription description = NetpulseTopology.build(settings, rates.serdes()).describe();
        Map<String, Set<String>> sourcesBySubtopologyProcessor = new TreeMap<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> sources = new TreeSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                    repartitionTopics.add(sink.topic());
                }
            }
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (Set.of("telegraf-parse", "telegraf-merge", "counter-deltas").contains(node.name())) {
                    sourcesBySubtopologyProcessor.put(node.name(), sources);
                }
            }
        }
        return sourcesBySubtopologyProcessor;
    }

    private static InterfaceRate rate(UUID id, long startSecond, double in, double out, long inOctets,
                                      long outOctets, long coveredMillis) {
        return InterfaceRate.newBuilder()
                .setDevice(DEVICE).setIfIndex(2).setInterfaceId(id.toString())
                .setWindowStart(at(startSecond)).setWindowEnd(at(startSecond + 60))
                .setInBitsPerSecond(in).setOutBitsPerSecond(out)
                .setInOctets(inOctets).setOutOctets(outOctets).setCoveredMillis(coveredMillis)
                .build();
    }
}
