package io.netpulse.topology.billing;

import static io.netpulse.testkit.OutputTopics.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.BillingPeriod;
import io.netpulse.schema.aggregate.BillingSubject;
import io.netpulse.schema.flow.FlowRecord;
import io.netpulse.topology.InterfaceKey;
import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologyHarness;
import io.netpulse.topology.ip.IpTrafficHarness;
import io.netpulse.topology.rates.RatesTestDriver;
import io.netpulse.topology.time.SourceClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code netpulse.billing} records, through the whole topology. January 2026 closes at 2026-02-01 00:00 plus
 * the grace of its sources: 20 minutes for counters (maximum gap 15 + lateness 5), 5 minutes for flows. Bytes are
 * multiples of 75: 75 bytes in a 5-minute slot are 2 bit/s.
 */
class BillingFlowTest {

    static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    static final String INTERFACE_ID = "11111111-1111-1111-1111-111111111111";
    static final String SITE = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
    static final InterfaceKey EDGE = new InterfaceKey("edge-1", 1);
    static final String ADDRESS = "192.0.2.10";
    static final String FOREIGN = "203.0.113.5";

    private Path stateDir;
    private RatesTestDriver driver;

    @BeforeEach
    void start() {
        stateDir = TopologyHarness.tempStateDir();
        driver = new RatesTestDriver(stateDir);
    }

    @AfterEach
    void close() {
        driver.close();
        TopologyHarness.delete(stateDir);
    }

    private static Instant at(String clock) {
        return Instant.parse(clock);
    }

    private TestOutputTopic<String, BillingPeriod> billing() {
        return driver.driver().createOutputTopic(driver.topics().billing().name(), new StringDeserializer(),
                driver.topics().billing().valueSerde().deserializer());
    }

    private void poll(Instant when, long in, long out) {
        driver.poll(RatesTestDriver.sample(EDGE.device(), EDGE.ifIndex(), when, null, in, out).build());
        driver.advanceWallClock(SourceClock.CLOSE_CHECK_INTERVAL);
    }

    /**
     * edge-1 ifIndex 1, of site {@link #SITE}, polled every 5 minutes from 2026-01-31 23:30: January's six slots
     * 23:30 .. 23:55 carry 750, 1500, 2250, 3000, 3750, 4500 bytes in (20 .. 120 bit/s) and 375 out (10 bit/s);
     * February's slots 75 in and nothing out. Polls stop at {@code last}.
     */
    private void januaryEndsAndFebruaryBegins(Instant last) {
        Instant first = at("2026-01-31T23:30:00Z");
        driver.pipeInventory("interface:" + INTERFACE_ID, """
                {"type": "interface", "interface_id": "%s", "site_id": "%s", "device": "%s", "if_index": %d}
                """.formatted(INTERFACE_ID, SITE, EDGE.device(), EDGE.ifIndex()).getBytes(StandardCharsets.UTF_8),
                first.minusSeconds(60));
        long in = 0;
        long out = 0;
        poll(first, in, out);
        for (int k = 1; k <= 6; k++) {
            in += 750L * k;
            out += 375;
            poll(first.plus(Duration.ofMinutes(5L * k)), in, out);
        }
        for (Instant when = FEBRUARY.plus(Duration.ofMinutes(5)); !when.isAfter(last);
             when = when.plus(Duration.ofMinutes(5))) {
            in += 75;
            poll(when, in, out);
        }
    }

    private static BillingPeriod january(BillingSubject subject, String id, int samples, int rank, double in,
                                         double out, double aggregate) {
        return BillingPeriod.newBuilder().setSubject(subject).setId(id).setPeriodStart(JANUARY)
                .setPeriodEnd(FEBRUARY).setExpectedSamples(8_928).setSamples(samples).setRank(rank)
                .setInBitsPerSecond(in).setOutBitsPerSecond(out).setMaxBitsPerSecond(Math.max(in, out))
                .setAggregateBitsPerSecond(aggregate).build();
    }

    @Test
    void aMonthIsEmittedOnceItsDevicesClockIsPastItsEndByTheGrace() {
        TestOutputTopic<String, BillingPeriod> billing = billing();

        januaryEndsAndFebruaryBegins(at("2026-02-01T00:15:00Z"));
        // edge-1's clock at 00:15: minus the grace of 20 minutes, 23:55, short of February.
        assertThat(billing.isEmpty()).isTrue();

        poll(at("2026-02-01T00:20:00Z"), 15_750 + 4 * 75, 6 * 375);

        // n = 6 of 8,928 slots, rank ceil(5.7) = 6: the largest. in 4500 bytes = 120 bit/s, out 375 = 10 bit/s,
        // in + out 4875 bytes = 130 bit/s. The site has this one interface: the same slots, the same figures.
        BillingPeriod expectedInterface = january(BillingSubject.INTERFACE, EDGE.derivedId().toString(), 6, 6, 120,
                10, 130);
        BillingPeriod expectedSite = january(BillingSubject.SITE, SITE, 6, 6, 120, 10, 130);
        List<TestRecord<String, BillingPeriod>> records = billing.readRecordsToList();
        assertThat(records).extracting(record -> KeyValue.pair(record.key(), record.value()))
                .containsExactlyInAnyOrder(KeyValue.pair("interface:" + EDGE.derivedId(), expectedInterface),
                        KeyValue.pair("site:" + SITE, expectedSite));
        assertThat(records).extracting(TestRecord::getRecordTime).containsOnly(JANUARY);
        poll(at("2026-02-01T00:25:00Z"), 15_750 + 5 * 75, 6 * 375);
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(billing.isEmpty()).isTrue();
    }

    @Test
    void theApiComputationReadsTheSameSamplesAsTheRecord() {
        januaryEndsAndFebruaryBegins(at("2026-02-01T00:20:00Z"));

        BillingRange lastHalfHour = new BillingRange(at("2026-01-31T23:40:00Z"), at("2026-02-01T00:10:00Z"));
        BillingFigures figures = BillingPercentile.of(lastHalfHour, BillingSamples.ofInterface(
                driver.driver().getTimestampedWindowStore(StoreNames.INTERFACE_RATES_FIVE_MINUTE), EDGE,
                lastHalfHour));

        // Slots 23:40 .. 00:05: in 2250, 3000, 3750, 4500, 75, 75 bytes; out 375 x 4, 0, 0. n = 6, rank 6.
        assertThat(figures).isEqualTo(new BillingFigures(lastHalfHour, 6, 6, 120.0, 10.0, 120.0, 130.0));
    }

    @Test
    void aReplayWritesTheSameRecords() {
        januaryEndsAndFebruaryBegins(at("2026-02-01T00:30:00Z"));
        List<TestRecord<String, BillingPeriod>> first = billing().readRecordsToList();
        Path replayDir = TopologyHarness.tempStateDir();
        try (RatesTestDriver replay = new RatesTestDriver(replayDir)) {
            RatesTestDriver original = driver;
            driver = replay;
            try {
                januaryEndsAndFebruaryBegins(at("2026-02-01T00:30:00Z"));
                List<TestRecord<String, BillingPeriod>> second = billing().readRecordsToList();

                assertThat(first).hasSize(2);
                assertThat(second).extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                        .containsExactlyInAnyOrderElementsOf(first.stream().map(record -> org.assertj.core.groups
                                .Tuple.tuple(record.key(), record.value(), record.getRecordTime())).toList());
            } finally {
                driver = original;
            }
        } finally {
            TopologyHarness.delete(replayDir);
        }
    }

    private void address(Instant when) {
        driver.pipeInventory("ip:" + ADDRESS, """
                {"type": "ip", "address": "%s", "account_id": "acct-42", "server_id": "srv-7",
                 "server_created": "2015-01-01"}""".formatted(ADDRESS).getBytes(StandardCharsets.UTF_8), when);
    }

    private void flow(String exporter, long bytes, Instant when) {
        FlowRecord record = IpTrafficHarness.flow(FOREIGN, ADDRESS, bytes, when).setExporter(exporter).build();
        driver.pipe(driver.topics().names().flows(), null, driver.serdes().framed(FlowRecord.class).serializer()
                .serialize(driver.topics().names().flows(), record), when);
        driver.advanceWallClock(SourceClock.CLOSE_CHECK_INTERVAL);
    }

    @Test
    void anAddressMonthThatALateExporterChangesIsEmittedAgainWhole() {
        TestOutputTopic<String, BillingPeriod> billing = billing();
        address(at("2026-01-31T23:00:00Z"));
        // Less than the grace apart by the wall clock, so 10.0.0.1 is never quiet.
        flow("10.0.0.1", 300, at("2026-01-31T23:51:00Z"));
        flow("10.0.0.1", 300, at("2026-01-31T23:55:00Z"));
        flow("10.0.0.1", 300, at("2026-01-31T23:59:00Z"));
        flow("10.0.0.1", 75, at("2026-02-01T00:03:00Z"));
        assertThat(billing.isEmpty()).isTrue();
        flow("10.0.0.1", 75, at("2026-02-01T00:05:00Z"));

        // 10.0.0.1's clock at 00:05, minus the flows' grace of 5 minutes: February 1st, 00:00. Slots 23:50
        // (300 bytes received: 8 bit/s) and 23:55 (300 + 300: 16 bit/s); n = 2, rank ceil(1.9) = 2.
        assertExactly(billing, KeyValue.pair("ip-address:" + ADDRESS,
                january(BillingSubject.IP_ADDRESS, ADDRESS, 2, 2, 16, 0, 16)));

        // An exporter never heard from sends 1500 bytes of 23:58: admitted, it changes the closed slot 23:55.
        flow("10.0.0.2", 1_500, at("2026-01-31T23:58:00Z"));
        assertThat(billing.isEmpty()).isTrue();
        // Once both exporters have been quiet for the grace by the wall clock, January closes again, whole:
        // 23:55 now holds 2100 bytes, 56 bit/s.
        driver.advanceWallClock(Duration.ofMinutes(5));
        assertExactly(billing, KeyValue.pair("ip-address:" + ADDRESS,
                january(BillingSubject.IP_ADDRESS, ADDRESS, 2, 2, 56, 0, 56)));
    }
}
