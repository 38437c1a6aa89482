package io.netpulse.topology.rates;

import static io.netpulse.testkit.OutputTopics.assertEmpty;
import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.OutputTopics.assertExactlyValues;
import static io.netpulse.testkit.TestTime.T0;
import static io.netpulse.topology.rates.RatesTestDriver.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.InterfaceRate;
import io.netpulse.schema.counter.CounterSample;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.NetpulseTopology;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import io.netpulse.topology.inputs.ingest.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counter pipeline end to end on TopologyTestDriver: samples in, minute and hour stores, the output topic,
 * the metrics and the dead letters. Rates are hand-computed: 7 500 000 octets in 60 s is 1 000 000 bit/s.
 */
class InterfaceRateFlowTest {

    private static final InterfaceKey EDGE_1 = new InterfaceKey("edge-1", 1);
    private static final long ONE_MEGABIT_MINUTE = 7_500_000L;
    private static final long TWO_POW_32 = 4_294_967_296L;

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

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    /** edge-1 ifIndex 1 polled {@code seconds} after T0 with sysUpTime running since T0. */
    private void poll(long seconds, long in, long out) {
        rates.poll(sample("edge-1", 1, at(seconds), seconds * 100, in, out).build());
    }

    /**
     * Moves stream time to {@code to} with two polls of another device (their share is stamped {@code to}), so
     * that every minute ending at least the grace (20 minutes) before {@code to} closes.
     */
    private void advanceStreamTime(Instant to) {
        rates.poll(sample("clock", 1, to, null, 0, 0).build());
        rates.poll(sample("clock", 1, to.plusSeconds(60), null, 0, 0).build());
    }

    private List<KeyValue<Long, RateBucket>> minutes(InterfaceKey key) {
        return fetch(StoreNames.INTERFACE_RATES_MINUTE, key);
    }

    private List<KeyValue<Long, RateBucket>> hours(InterfaceKey key) {
        return fetch(StoreNames.INTERFACE_RATES_HOUR, key);
    }

    private List<KeyValue<Long, RateBucket>> fetch(String storeName, InterfaceKey key) {
        WindowStore<InterfaceKey, ValueAndTimestamp<RateBucket>> store =
                rates.driver().getTimestampedWindowStore(storeName);
        List<KeyValue<Long, RateBucket>> windows = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<RateBucket>> iterator =
                     store.fetch(key, at(-86_400), at(86_400))) {
            iterator.forEachRemaining(window -> windows.add(KeyValue.pair(window.key, window.value.value())));
        }
        return windows;
    }

    private static KeyValue<Long, RateBucket> window(Instant start, long in, long out, long coveredMillis) {
        return KeyValue.pair(start.toEpochMilli(), new RateBucket(in, out, coveredMillis));
    }

    private static InterfaceRate rate(InterfaceKey key, Instant start, double in, double out, long inOctets,
                                      long outOctets, long coveredMillis) {
        return InterfaceRate.newBuilder()
                .setDevice(key.device()).setIfIndex(key.ifIndex()).setInterfaceId(key.derivedId().toString())
                .setWindowStart(start).setWindowEnd(start.plusSeconds(60))
                .setInBitsPerSecond(in).setOutBitsPerSecond(out)
                .setInOctets(inOctets).setOutOctets(outOctets).setCoveredMillis(coveredMillis)
                .build();
    }

    @Test
    void steadyRateIsPublishedOncePerMinuteAfterTheWindowCloses() {
        poll(0, 0, 0);
        poll(60, ONE_MEGABIT_MINUTE, ONE_MEGABIT_MINUTE / 2);
        poll(120, 2 * ONE_MEGABIT_MINUTE, ONE_MEGABIT_MINUTE);

        assertThat(minutes(EDGE_1)).containsExactly(
                window(at(0), 7_500_000, 3_750_000, 60_000),
                window(at(60), 7_500_000, 3_750_000, 60_000));
        // Grace is 15 min gap + 5 min lateness: nothing is final before stream time reaches 00:21.
        assertEmpty(rates.interfaceRates());

        advanceStreamTime(at("00:22:00"));

        // Minute 00:00 closes at 00:21 and 00:01 at 00:22; the clock device's own minute 00:22 stays open.
        assertExactly(rates.interfaceRates(), 
                KeyValue.pair(EDGE_1, rate(EDGE_1, at(0), 1_000_000.0, 500_000.0, 7_500_000, 3_750_000, 60_000)),
                KeyValue.pair(EDGE_1, rate(EDGE_1, at(60), 1_000_000.0, 500_000.0, 7_500_000, 3_750_000, 60_000)));
        assertThat(rates.interfaceRates().isEmpty()).isTrue();
        assertThat(rates.count("counter-baseline", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-interval", "edge-1")).isEqualTo(2.0);
    }

    @Test
    void wrapOf32BitCounter() {
        // 2^32 - 2 500 000, then 5 000 000: 2 500 000 + 5 000 000 = 7 500 000 octets.
        rates.poll(sample("edge-1", 1, at(0), 0L, TWO_POW_32 - 2_500_000, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-1", 1, at(60), 6_000L, 5_000_000, 0).setCounterWidth(32).build());

        assertThat(minutes(EDGE_1)).containsExactly(window(at(0), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-wrap", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void wrapOf64BitCounterFromAboveLongMaxValue() {
        // 2^64 - 2 500 000 is the long -2 500 000 (above Long.MAX_VALUE unsigned); then 5 000 000.
        poll(0, -2_500_000L, Long.MAX_VALUE);
        // Out crosses 2^63 without wrapping: Long.MAX_VALUE + 3 750 000 is Long.MIN_VALUE + 3 749 999.
        poll(60, 5_000_000, Long.MIN_VALUE + 3_749_999);

        assertThat(minutes(EDGE_1)).containsExactly(window(at(0), 7_500_000, 3_750_000, 60_000));
        assertThat(rates.count("counter-wrap", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void rebootGivesNoRateAndTheNextPollStartsAfresh() {
        poll(0, 0, 0);
        poll(60, ONE_MEGABIT_MINUTE, 0);
        // Rebooted: sysUpTime 30 s, counters back near zero.
        rates.poll(sample("edge-1", 1, at(120), 3_000L, 1_000, 0).build());
        rates.poll(sample("edge-1", 1, at(180), 9_000L, 1_000 + ONE_MEGABIT_MINUTE, 0).build());

        assertThat(minutes(EDGE_1)).containsExactly(
                window(at(0), 7_500_000, 0, 60_000),
                window(at(120), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-reboot", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void decreaseWithoutSysUpTimeIsAWrapWhenTheRateIsPlausible() {
        rates.poll(sample("edge-1", 1, at(0), null, TWO_POW_32 - 2_500_000, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-1", 1, at(60), null, 5_000_000, 0).setCounterWidth(32).build());

        assertThat(minutes(EDGE_1)).containsExactly(window(at(0), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-wrap", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-reset", "edge-1")).isEqualTo(0.0);
    }

    @Test
    void decreaseWithoutSysUpTimeIsAResetWhenTheWrapWouldBeTooFast() {
        // 64-bit 10 000 000 -> 1 000 would be a wrap of 2^64 - 9 999 000 octets in a minute.
        rates.poll(sample("edge-1", 1, at(0), null, 10_000_000, 0).build());
        rates.poll(sample("edge-1", 1, at(60), null, 1_000, 0).build());
        rates.poll(sample("edge-1", 1, at(120), null, 1_000 + ONE_MEGABIT_MINUTE, 0).build());

        assertThat(minutes(EDGE_1)).containsExactly(window(at(60), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-reset", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-wrap", "edge-1")).isEqualTo(0.0);
    }

    @Test
    void rateAboveIfSpeedIsNoRate() {
        // ifSpeed 1 Mbit/s: 7 500 008 octets in 60 s is 1 000 001.07 bit/s.
        rates.poll(sample("edge-1", 1, at(0), 0L, 0, 0).setIfSpeed(1_000_000L).build());
        rates.poll(sample("edge-1", 1, at(60), 6_000L, 7_500_008, 0).setIfSpeed(1_000_000L).build());
        rates.poll(sample("edge-1", 1, at(120), 12_000L, 7_500_008 + ONE_MEGABIT_MINUTE, 0)
                .setIfSpeed(1_000_000L).build());

        assertThat(minutes(EDGE_1)).containsExactly(window(at(60), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-over-speed", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void duplicatePollIsIgnored() {
        poll(0, 0, 0);
        poll(60, ONE_MEGABIT_MINUTE, 0);
        poll(60, ONE_MEGABIT_MINUTE, 0);

        assertThat(minutes(EDGE_1)).containsExactly(window(at(0), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-duplicate", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void gapLongerThanFifteenMinutesGivesNoRate() {
        poll(0, 0, 0);
        poll(960, 16 * ONE_MEGABIT_MINUTE, 0);
        poll(1_020, 17 * ONE_MEGABIT_MINUTE, 0);

        assertThat(minutes(EDGE_1)).containsExactly(window(at(960), 7_500_000, 0, 60_000));
        assertThat(rates.count("counter-gap", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void twoPollsInsideOneMinuteGiveTheirTimeWeightedMean() {
        // 00:00..00:20 at 1 Mbit/s (2 500 000 octets), 00:20..00:50 at 2 Mbit/s (7 500 000),
        // 00:50..01:10 at 1 Mbit/s (2 500 000, half of it in minute 00:00).
        poll(0, 0, 0);
        poll(20, 2_500_000, 0);
        poll(50, 10_000_000, 0);
        poll(70, 12_500_000, 0);

        // Minute 00:00: 2 500 000 + 7 500 000 + 1 250 000 = 11 250 000 octets in 60 s = 1.5 Mbit/s,
        // which is (1 x 20 + 2 x 30 + 1 x 10) / 60 Mbit/s.
        assertThat(minutes(EDGE_1)).containsExactly(
                window(at(0), 11_250_000, 0, 60_000),
                window(at(60), 1_250_000, 0, 10_000));

        advanceStreamTime(at("00:22:00"));

        assertExactlyValues(rates.interfaceRates(), 
                rate(EDGE_1, at(0), 1_500_000.0, 0.0, 11_250_000, 0, 60_000),
                rate(EDGE_1, at(60), 1_000_000.0, 0.0, 1_250_000, 0, 10_000));
    }

    @Test
    void fiveMinutePollsAcrossMinuteAndHourBoundaries() {
        // 00:52:30..00:57:30 at 8 Mbit/s (1 000 000 octets/s), 00:57:30..01:02:30 at 16 Mbit/s (2 000 000/s).
        rates.poll(sample("edge-1", 1, at("00:52:30"), 315_000L, 0, 0).build());
        rates.poll(sample("edge-1", 1, at("00:57:30"), 345_000L, 300_000_000, 0).build());
        rates.poll(sample("edge-1", 1, at("01:02:30"), 375_000L, 900_000_000, 0).build());

        assertThat(minutes(EDGE_1)).containsExactly(
                window(at("00:52:00"), 30_000_000, 0, 30_000),
                window(at("00:53:00"), 60_000_000, 0, 60_000),
                window(at("00:54:00"), 60_000_000, 0, 60_000),
                window(at("00:55:00"), 60_000_000, 0, 60_000),
                window(at("00:56:00"), 60_000_000, 0, 60_000),
                // 30 s at 8 Mbit/s and 30 s at 16 Mbit/s: 12 Mbit/s.
                window(at("00:57:00"), 90_000_000, 0, 60_000),
                window(at("00:58:00"), 120_000_000, 0, 60_000),
                window(at("00:59:00"), 120_000_000, 0, 60_000),
                window(at("01:00:00"), 120_000_000, 0, 60_000),
                window(at("01:01:00"), 120_000_000, 0, 60_000),
                window(at("01:02:00"), 60_000_000, 0, 30_000));
        // Hour 00: 30 + 4 x 60 + 90 + 2 x 120 = 600 million octets over 450 s; hour 01: 300 million over 150 s.
        assertThat(fetch(StoreNames.INTERFACE_RATES_HOUR, EDGE_1)).containsExactly(
                window(at("00:00:00"), 600_000_000, 0, 450_000),
                window(at("01:00:00"), 300_000_000, 0, 150_000));

        advanceStreamTime(at("01:23:00"));

        assertExactlyValues(rates.interfaceRates(), 
                rate(EDGE_1, at("00:52:00"), 8_000_000.0, 0.0, 30_000_000, 0, 30_000),
                rate(EDGE_1, at("00:53:00"), 8_000_000.0, 0.0, 60_000_000, 0, 60_000),
                rate(EDGE_1, at("00:54:00"), 8_000_000.0, 0.0, 60_000_000, 0, 60_000),
                rate(EDGE_1, at("00:55:00"), 8_000_000.0, 0.0, 60_000_000, 0, 60_000),
                rate(EDGE_1, at("00:56:00"), 8_000_000.0, 0.0, 60_000_000, 0, 60_000),
                rate(EDGE_1, at("00:57:00"), 12_000_000.0, 0.0, 90_000_000, 0, 60_000),
                rate(EDGE_1, at("00:58:00"), 16_000_000.0, 0.0, 120_000_000, 0, 60_000),
                rate(EDGE_1, at("00:59:00"), 16_000_000.0, 0.0, 120_000_000, 0, 60_000),
                rate(EDGE_1, at("01:00:00"), 16_000_000.0, 0.0, 120_000_000, 0, 60_000),
                rate(EDGE_1, at("01:01:00"), 16_000_000.0, 0.0, 120_000_000, 0, 60_000),
                rate(EDGE_1, at("01:02:00"), 16_000_000.0, 0.0, 60_000_000, 0, 30_000));
        assertThat(rates.interfaceRates().isEmpty()).isTrue();
    }

    @Test
    void casesAreCountedInTotalAndPerDevice() {
        rates.poll(sample("edge-1", 1, at(0), 0L, TWO_POW_32 - 1, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-1", 1, at(60), 6_000L, 0, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-2", 7, at(0), 0L, TWO_POW_32 - 1, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-2", 7, at(60), 6_000L, 0, 0).setCounterWidth(32).build());
        rates.poll(sample("edge-2", 7, at(60), 6_000L, 0, 0).setCounterWidth(32).build());

        assertThat(Map.of(
                "wrap all", rates.count("counter-wrap", "all"),
                "wrap edge-1", rates.count("counter-wrap", "edge-1"),
                "wrap edge-2", rates.count("counter-wrap", "edge-2"),
                "duplicate all", rates.count("counter-duplicate", "all"),
                "duplicate edge-1", rates.count("counter-duplicate", "edge-1"),
                "duplicate edge-2", rates.count("counter-duplicate", "edge-2")))
                .isEqualTo(Map.of(
                        "wrap all", 2.0, "wrap edge-1", 1.0, "wrap edge-2", 1.0,
                        "duplicate all", 1.0, "duplicate edge-1", 0.0, "duplicate edge-2", 1.0));
    }

    @Test
    void malformedAndInvalidRecordsGoToTheDeadLetterTopicWithTheirReason() {
        rates.pipeCounters("not avro".getBytes(StandardCharsets.UTF_8), at(0));
        CounterSample invalid = sample("edge-1", 0, at(10), 0L, 0, 0).build();
        byte[] invalidBytes = rates.serdes().framed(CounterSample.class).serializer()
                .serialize("netpulse.counters", invalid);
        rates.pipeCounters(invalidBytes, at(10));

        List<TestRecord<byte[], byte[]>> deadLetters = rates.deadLetters().readRecordsToList();
        assertThat(deadLetters).extracting(TestRecord::value)
                .containsExactly("not avro".getBytes(StandardCharsets.UTF_8), invalidBytes);
        assertThat(deadLetters).extracting(record -> header(record.headers(), "__streams.errors.message"))
                .containsExactly(
                        "not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id): 8 bytes"
                                + " starting with 0x6e",
                        "ifIndex 0 is below 1");
        assertThat(deadLetters).extracting(record -> header(record.headers(), "__streams.errors.exception"))
                .containsExactly(DeadLetters.REJECTED, DeadLetters.REJECTED);
        assertThat(deadLetters).extracting(record -> header(record.headers(), "__streams.errors.offset"))
                .containsExactly("0", "1");
        assertThat(rates.count("ingest-rejected", "netpulse.counters")).isEqualTo(2.0);
        assertThat(minutes(EDGE_1)).isEmpty();
    }

    @Test
    void anotherDevicesLaterPollsMakeNoShareLate() {
        // Another device is at 00:41 already; edge-1's interval 00:00..00:01 arrives then and counts in full.
        advanceStreamTime(at("00:40:00"));
        rates.poll(sample("edge-1", 1, at(0), 0L, 0, 0).build());
        rates.poll(sample("edge-1", 1, at(60), 6_000L, ONE_MEGABIT_MINUTE, 0).build());

        assertThat(minutes(EDGE_1)).containsExactly(
                KeyValue.pair(T0.toEpochMilli(), new RateBucket(ONE_MEGABIT_MINUTE, 0, 60_000)));
        assertThat(rates.count("counter-samples-late", "all")).isEqualTo(0.0);
        assertThat(droppedRecords()).isEqualTo(0.0);
    }

    @Test
    void sampleBeyondItsDevicesLatenessIsDroppedAndCounted() {
        rates.poll(sample("edge-1", 1, at(0), 0L, 0, 0).build());
        rates.poll(sample("edge-1", 1, at(600), 60_000L, 10 * ONE_MEGABIT_MINUTE, 0).build());
        // edge-1's latest poll is 00:10:00; 00:04:59 is 5 minutes and 1 second behind it, beyond the lateness
        rates.poll(sample("edge-1", 1, at(299), 29_900L, 5 * ONE_MEGABIT_MINUTE, 0).build());

        assertThat(rates.count("counter-samples-late", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-samples-late", "all")).isEqualTo(1.0);
        assertThat(rates.count("counter-out-of-order", "edge-1")).isEqualTo(0.0);
        // the ten minutes of 00:00..00:10 hold one tenth of its octets each, nothing of the late sample
        List<KeyValue<Long, RateBucket>> expected = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            expected.add(KeyValue.pair(T0.plusSeconds(60L * minute).toEpochMilli(),
                    new RateBucket(ONE_MEGABIT_MINUTE, 0, 60_000)));
        }
        assertThat(minutes(EDGE_1)).containsExactlyElementsOf(expected);
    }

    @Test
    void fiveMinuteWindowsHoldTheSameSharesAsTheirMinutes() {
        // 00:00..00:06 at 1 Mbit/s in, then 00:06..00:08 at 2 Mbit/s in, one poll a minute
        for (int minute = 0; minute <= 6; minute++) {
            poll(60L * minute, minute * ONE_MEGABIT_MINUTE, 0);
        }
        poll(420, 8 * ONE_MEGABIT_MINUTE, 0);
        poll(480, 10 * ONE_MEGABIT_MINUTE, 0);

        // 00:00: five minutes of 7 500 000 octets; 00:05: 7 500 000 + 2 x 15 000 000 over three minutes
        assertThat(fetch(StoreNames.INTERFACE_RATES_FIVE_MINUTE, EDGE_1)).containsExactly(
                window(at(0), 37_500_000, 0, 300_000),
                window(at(300), 37_500_000, 0, 180_000));
        assertThat(hours(EDGE_1)).containsExactly(window(at(0), 75_000_000, 0, 480_000));
    }

    @Test
    void pollArrivingAfterALaterOneIsPutInItsPlace() {
        // 6 000 000 octets in 00:00..00:01, then 9 000 000 in 00:01..00:02; the 00:01 poll arrives last.
        poll(0, 0, 0);
        poll(120, 15_000_000, 0);
        poll(60, 6_000_000, 0);

        // 00:00..00:02 was spread 7 500 000 a minute, then taken back; 00:00..00:01 and 00:01..00:02 replace it
        assertThat(minutes(EDGE_1)).containsExactly(
                window(at(0), 6_000_000, 0, 60_000),
                window(at(60), 9_000_000, 0, 60_000));
        assertThat(hours(EDGE_1)).containsExactly(window(at(0), 15_000_000, 0, 120_000));
        assertThat(rates.count("counter-reordered", "edge-1")).isEqualTo(1.0);
        assertThat(rates.count("counter-interval", "edge-1")).isEqualTo(3.0);

        advanceStreamTime(at("00:22:00"));
        assertExactly(rates.interfaceRates(), 
                KeyValue.pair(EDGE_1, rate(EDGE_1, at(0), 800_000.0, 0.0, 6_000_000, 0, 60_000)),
                KeyValue.pair(EDGE_1, rate(EDGE_1, at(60), 1_200_000.0, 0.0, 9_000_000, 0, 60_000)));
    }

    @Test
    void pollOlderThanEveryRecentOneStartsTheInterface() {
        poll(60, 6_000_000, 0);
        poll(0, 0, 0);

        assertThat(minutes(EDGE_1)).containsExactly(window(at(0), 6_000_000, 0, 60_000));
        assertThat(rates.count("counter-reordered", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void secondPollAtTheSameTimeIsADuplicateAndTheFirstWins() {
        poll(0, 0, 0);
        poll(60, ONE_MEGABIT_MINUTE, 0);
        poll(60, 3 * ONE_MEGABIT_MINUTE, 0);
        poll(120, 2 * ONE_MEGABIT_MINUTE, 0);

        assertThat(minutes(EDGE_1)).containsExactly(
                window(at(0), ONE_MEGABIT_MINUTE, 0, 60_000),
                window(at(60), ONE_MEGABIT_MINUTE, 0, 60_000));
        assertThat(rates.count("counter-duplicate", "edge-1")).isEqualTo(1.0);
    }

    @Test
    void storesAreNamedInTheTopology() {
        Map<String, Set<String>> storesByProcessor = new TreeMap<>();
        TopologyDescription description = NetpulseTopology.build(TopologySettings.defaults(), rates.serdes())
                .describe();
        Stream.concat(
                        description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream()),
                        description.globalStores().stream().map(TopologyDescription.GlobalStore::processor))
                .filter(node -> node instanceof TopologyDescription.Processor)
                .map(node -> (TopologyDescription.Processor) node)
                .filter(processor -> !processor.stores().isEmpty())
                .forEach(processor -> storesByProcessor.put(processor.name(), processor.stores()));

        assertThat(storesByProcessor).containsAllEntriesOf(Map.of(
                "directory-table", Set.of(StoreNames.DIRECTORY),
                "counter-deltas", Set.of(StoreNames.INTERFACE_RECENT_SAMPLES, StoreNames.COUNTER_SOURCE_TIME),
                "interface-rates", Set.of(StoreNames.INTERFACE_RATES_MINUTE, StoreNames.INTERFACE_RATES_FIVE_MINUTE,
                        StoreNames.INTERFACE_RATES_HOUR,
                        StoreNames.INTERFACE_RATES_SOURCE_TIME, StoreNames.INTERFACE_RATES_CLOSING)));
    }

    private double droppedRecords() {
        return rates.driver().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                .sum();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
