package io.netpulse.query.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.query.sites.TransferPlan.Resolution;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which store answers a range, and how its windows fall into buckets aligned to the epoch. */
class TransferPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T02:00:00Z");
    /** Minutes kept 7 days, five minutes 90 days, hours 400 days. */
    private static final TopologySettings.RateSettings RATES = TopologySettings.RateSettings.defaults();

    private static Instant at(String time) {
        return Instant.parse(time.length() == 8 ? "2026-01-01T" + time + "Z" : time);
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("an aligned hour in 5-minute buckets", "00:00:00", "01:00:00", 5, Optional.empty(),
                        new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5), at("00:00:00"), at("00:59:00"),
                                at("00:00:00"), 12, Resolution.FIVE_MINUTES)),
                Arguments.of("an unaligned start: the first bucket holds only the minutes after it",
                        "00:07:30", "00:17:30", 5, Optional.empty(),
                        new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5), at("00:08:00"), at("00:17:00"),
                                at("00:05:00"), 3, Resolution.FIVE_MINUTES)),
                Arguments.of("buckets align to the epoch: 2026-01-01 00:00 is minute 6 of an 11-minute bucket",
                        "00:00:00", "00:30:00", 11, Optional.empty(),
                        new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(11), at("00:00:00"), at("00:29:00"),
                                at("2025-12-31T23:54:00Z"), 4)),
                Arguments.of("an hour bucket is read from the hour store", "00:00:00", "01:00:00", 60,
                        Optional.empty(), new TransferPlan(Resolution.HOUR, Duration.ofHours(1), at("00:00:00"),
                                at("00:00:00"), at("00:00:00"), 1)),
                Arguments.of("hour windows count when their start lies in the range", "00:30:00", "03:00:00", 60,
                        Optional.empty(), new TransferPlan(Resolution.HOUR, Duration.ofHours(1), at("01:00:00"),
                                at("02:00:00"), at("01:00:00"), 2)),
                Arguments.of("a start before the minute horizon is hourly", "2025-12-25T01:00:00Z", "00:00:00",
                        120, Optional.empty(), new TransferPlan(Resolution.HOUR, Duration.ofHours(2),
                                at("2025-12-25T01:00:00Z"), at("2025-12-31T23:00:00Z"),
                                at("2025-12-25T00:00:00Z"), 84)),
                Arguments.of("a start before the minute horizon reads five-minute windows", "2025-12-20T00:00:00Z",
                        "2025-12-20T01:00:00Z", 15, Optional.empty(),
                        new TransferPlan(Resolution.FIVE_MINUTES, Duration.ofMinutes(15), at("2025-12-20T00:00:00Z"),
                                at("2025-12-20T00:55:00Z"), at("2025-12-20T00:00:00Z"), 4)),
                Arguments.of("a start before the five-minute horizon is hourly", "2025-09-01T00:00:00Z",
                        "2025-09-01T03:00:00Z", 60, Optional.empty(),
                        new TransferPlan(Resolution.HOUR, Duration.ofMinutes(60), at("2025-09-01T00:00:00Z"),
                                at("2025-09-01T02:00:00Z"), at("2025-09-01T00:00:00Z"), 3)),
                Arguments.of("a start one minute after the horizon still reads minutes", "2025-12-25T02:01:00Z",
                        "2025-12-25T02:11:00Z", 10, Optional.empty(),
                        new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(10), at("2025-12-25T02:01:00Z"),
                                at("2025-12-25T02:10:00Z"), at("2025-12-25T02:00:00Z"), 2, Resolution.FIVE_MINUTES)),
                Arguments.of("the resolution of a forwarding instance wins", "00:00:00", "02:00:00", 60,
                        Optional.of(Resolution.MINUTE), new TransferPlan(Resolution.MINUTE, Duration.ofHours(1),
                                at("00:00:00"), at("01:59:00"), at("00:00:00"), 2, Resolution.FIVE_MINUTES)),
                Arguments.of("no whole minute starts in 40 seconds", "00:00:10", "00:00:50", 5, Optional.empty(),
                        new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5), at("00:01:00"), at("00:00:00"),
                                at("00:00:00"), 0, Resolution.FIVE_MINUTES)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String description, String start, String end, long bucketMinutes,
              Optional<Resolution> forwarded, TransferPlan expected) {
        DataTransferredRequest request = new DataTransferredRequest(at(start), at(end),
                Duration.ofMinutes(bucketMinutes), Optional.empty(), forwarded);

        assertThat(TransferPlan.of(request, NOW, RATES, 10_080)).as(description).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void parse(String description, Map<String, List<String>> parameters, DataTransferredRequest expected) {
        assertThat(DataTransferredRequest.parse(parameters, NOW, DataTransferredLimits.defaults(), false))
                .as(description).isEqualTo(expected);
    }

    private static TransferPlan.Read read(Resolution resolution, String first, String last) {
        return new TransferPlan.Read(resolution, at(first), at(last));
    }

    static Stream<Arguments> reads() {
        Resolution minute = Resolution.MINUTE;
        Resolution five = Resolution.FIVE_MINUTES;
        return Stream.of(
                // Minutes 00:03 to 00:21 in 10-minute buckets: 00:03-00:04, then 00:05, 00:10 and 00:15 as five
                // minutes each, then 00:20-00:21: 2 + 3 + 2 = 7 windows instead of 19.
                Arguments.of("a range of minutes on neither side of five minutes", "00:03:00", "00:22:00", 10,
                        List.of(read(minute, "00:03:00", "00:04:00"), read(five, "00:05:00", "00:15:00"),
                                read(minute, "00:20:00", "00:21:00")), 7),
                // The default: the last four hours in 5-minute buckets, 22:00 to 02:00, all 48 five minutes.
                Arguments.of("four aligned hours", "2025-12-31T22:00:00Z", "02:00:00", 5,
                        List.of(read(five, "2025-12-31T22:00:00Z", "01:55:00")), 48),
                // Four hours from 21:58:30: minute 21:59 alone, then the 47 five minutes from 22:00 to 01:50, then
                // minutes 01:55 to 01:58 (01:58 starts before 01:58:30): 52 windows instead of 240.
                Arguments.of("four hours from an unaligned start", "2025-12-31T21:58:30Z", "01:58:30", 5,
                        List.of(read(minute, "2025-12-31T21:59:00Z", "2025-12-31T21:59:00Z"),
                                read(five, "2025-12-31T22:00:00Z", "01:50:00"),
                                read(minute, "01:55:00", "01:58:00")), 1 + 47 + 4),
                Arguments.of("no whole five minutes: minutes alone", "00:07:00", "00:14:00", 5,
                        List.of(read(minute, "00:07:00", "00:13:00")), 7),
                Arguments.of("buckets not made of five minutes: minutes alone", "00:00:00", "00:30:00", 11,
                        List.of(read(minute, "00:00:00", "00:29:00")), 30),
                Arguments.of("hours read as hours", "00:00:00", "03:00:00", 60,
                        List.of(read(Resolution.HOUR, "00:00:00", "02:00:00")), 3),
                Arguments.of("nothing to read without a bucket", "00:00:10", "00:00:50", 5, List.of(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void wholeFiveMinutesAreReadFromTheirStoreAndTheRestFromMinutes(String description, String start, String end,
                                                                    long bucketMinutes,
                                                                    List<TransferPlan.Read> expected,
                                                                    long windows) {
        TransferPlan plan = TransferPlan.of(new DataTransferredRequest(at(start), at(end),
                Duration.ofMinutes(bucketMinutes), Optional.empty(), Optional.empty()), NOW, RATES, 10_080);

        assertThat(plan.reads()).as(description).isEqualTo(expected);
        assertThat(plan.windows()).as(description).isEqualTo(windows);
    }

    @Test
    void minutesAloneWhenTheFiveMinuteStoreKeepsLessThanTheMinuteStore() {
        TopologySettings.RateSettings shortFiveMinutes = new TopologySettings.RateSettings(RATES.maxGap(),
                RATES.lateness(), Duration.ofDays(7), Duration.ofDays(6), RATES.hourRetention(),
                RATES.speedCeilingBitsPerSecond());

        TransferPlan plan = TransferPlan.of(new DataTransferredRequest(at("00:00:00"), at("01:00:00"),
                Duration.ofMinutes(5), Optional.empty(), Optional.empty()), NOW, shortFiveMinutes, 10_080);

        assertThat(plan.reads()).containsExactly(read(Resolution.MINUTE, "00:00:00", "00:59:00"));
    }

    static Stream<Arguments> costs() {
        return Stream.of(
                Arguments.of("an hour of minutes", new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5),
                        at("00:00:00"), at("00:59:00"), at("00:00:00"), 12), 60),
                Arguments.of("400 days of hours", new TransferPlan(Resolution.HOUR, Duration.ofDays(1),
                        at("2025-01-01T00:00:00Z"), at("2026-02-04T23:00:00Z"), at("2025-01-01T00:00:00Z"), 400),
                        9_600),
                Arguments.of("no window", new TransferPlan(Resolution.MINUTE, Duration.ofMinutes(5), at("00:08:00"),
                        at("00:07:00"), at("00:05:00"), 0), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costs")
    void costPerSiteIsTheWindowsRead(String description, TransferPlan plan, long windows) {
        assertThat(plan.windows()).isEqualTo(windows);
    }

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("nothing: the last 4 hours in 5-minute buckets, every site", Map.of(),
                        new DataTransferredRequest(at("2025-12-31T22:00:00Z"), NOW, Duration.ofMinutes(5),
                                Optional.empty(), Optional.empty())),
                Arguments.of("only end_time: the 4 hours before it", Map.of("end_time", List.of("2026-01-01T00:00:00")),
                        new DataTransferredRequest(at("2025-12-31T20:00:00Z"), at("00:00:00"),
                                Duration.ofMinutes(5), Optional.empty(), Optional.empty())),
                Arguments.of("times without a zone are UTC; Z and offsets are taken as given",
                        Map.of("start_time", List.of("2026-01-01T00:00:00"),
                                "end_time", List.of("2026-01-01T02:30:00+01:00")),
                        new DataTransferredRequest(at("00:00:00"), at("01:30:00"), Duration.ofMinutes(5),
                                Optional.empty(), Optional.empty())),
                Arguments.of("both spellings of site ids, any case, repeats once, sorted",
                        Map.of("site_ids[]", List.of("BBBBBBBB-0000-4000-8000-00000000000B"),
                                "site_ids", List.of("aaaaaaaa-0000-4000-8000-00000000000a",
                                        "bbbbbbbb-0000-4000-8000-00000000000b"),
                                "bucket_interval_minutes", List.of("+15")),
                        new DataTransferredRequest(at("2025-12-31T22:00:00Z"), NOW, Duration.ofMinutes(15),
                                Optional.of(List.of("aaaaaaaa-0000-4000-8000-00000000000a",
                                        "bbbbbbbb-0000-4000-8000-00000000000b")), Optional.empty())),
                Arguments.of("the resolution parameter is ignored on the public route",
                        Map.of("resolution", List.of("hour")),
                        new DataTransferredRequest(at("2025-12-31T22:00:00Z"), NOW, Duration.ofMinutes(5),
                                Optional.empty(), Optional.empty())));
    }
}
