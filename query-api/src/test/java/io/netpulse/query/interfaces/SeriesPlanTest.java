package io.netpulse.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.topology.StoreNames;
import io.netpulse.topology.TopologySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeriesPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
    /** Minutes kept 7 days, five minutes 90 days, hours 400 days. */
    private static final TopologySettings.RateSettings RATES = TopologySettings.RateSettings.defaults();
    private static final String MINUTE = StoreNames.INTERFACE_RATES_MINUTE;
    private static final String FIVE_MINUTE = StoreNames.INTERFACE_RATES_FIVE_MINUTE;
    private static final String HOUR = StoreNames.INTERFACE_RATES_HOUR;

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("one hour at 1 minute", t("2026-01-09T10:00:00Z"), t("2026-01-09T11:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(1), MINUTE, t("2026-01-09T10:00:00Z"), 60)),
                Arguments.of("exactly 1440 minutes still at 1 minute", t("2026-01-08T00:00:00Z"),
                        t("2026-01-09T00:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(1), MINUTE, t("2026-01-08T00:00:00Z"), 1_440)),
                Arguments.of("one minute more goes to 5 minutes", t("2026-01-08T00:00:00Z"),
                        t("2026-01-09T00:01:00Z"),
                        new SeriesPlan(Duration.ofMinutes(5), FIVE_MINUTE, t("2026-01-08T00:00:00Z"), 289)),
                // Steps of whole five minutes come from the five-minute store: the same sums from a fifth of the
                // windows, even while the minute store keeps the range.
                Arguments.of("3 days at 5 minutes", t("2026-01-06T00:00:00Z"), t("2026-01-09T00:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(5), FIVE_MINUTE, t("2026-01-06T00:00:00Z"), 864)),
                Arguments.of("6 days at 15 minutes", t("2026-01-03T12:00:00Z"), t("2026-01-09T12:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(15), FIVE_MINUTE, t("2026-01-03T12:00:00Z"), 576)),
                Arguments.of("31 days at 60 minutes from the hour store", t("2025-12-10T00:00:00Z"),
                        t("2026-01-10T00:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(60), HOUR, t("2025-12-10T00:00:00Z"), 744)),
                Arguments.of("older than the minute store: five minutes even for 2 hours", t("2026-01-02T10:00:00Z"),
                        t("2026-01-02T12:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(5), FIVE_MINUTE, t("2026-01-02T10:00:00Z"), 24)),
                Arguments.of("6 days at 15 minutes, 70 days back, from the five-minute store",
                        t("2025-11-01T00:00:00Z"), t("2025-11-07T00:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(15), FIVE_MINUTE, t("2025-11-01T00:00:00Z"), 576)),
                Arguments.of("older than the five-minute store: hourly even for 2 hours", t("2025-10-01T10:00:00Z"),
                        t("2025-10-01T12:00:00Z"),
                        new SeriesPlan(Duration.ofMinutes(60), HOUR, t("2025-10-01T10:00:00Z"), 2)),
                // Buckets whose start lies in [10:00:30, 10:03:00): 10:01 and 10:02.
                Arguments.of("unaligned from starts at the next bucket", t("2026-01-09T10:00:30Z"),
                        t("2026-01-09T10:03:00Z"),
                        new SeriesPlan(Duration.ofMinutes(1), MINUTE, t("2026-01-09T10:01:00Z"), 2)),
                Arguments.of("no bucket starts inside 30 seconds", t("2026-01-09T10:00:10Z"),
                        t("2026-01-09T10:00:40Z"),
                        new SeriesPlan(Duration.ofMinutes(1), MINUTE, t("2026-01-09T10:01:00Z"), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String description, Instant from, Instant to, SeriesPlan expected) {
        assertThat(SeriesPlan.of(from, to, NOW, RATES)).isEqualTo(expected);
    }

    @Test
    void fiveMinuteStepsStayOnMinutesWhenTheFiveMinuteStoreKeepsLess() {
        TopologySettings.RateSettings shortFiveMinutes = new TopologySettings.RateSettings(RATES.maxGap(),
                RATES.lateness(), Duration.ofDays(7), Duration.ofDays(6), RATES.hourRetention(),
                RATES.speedCeilingBitsPerSecond());

        assertThat(SeriesPlan.of(t("2026-01-06T00:00:00Z"), t("2026-01-09T00:00:00Z"), NOW, shortFiveMinutes))
                .isEqualTo(new SeriesPlan(Duration.ofMinutes(5), MINUTE, t("2026-01-06T00:00:00Z"), 864));
    }

    static Stream<Arguments> costs() {
        return Stream.of(
                Arguments.of("60 buckets of 1 minute", new SeriesPlan(Duration.ofMinutes(1), MINUTE,
                        t("2026-01-09T10:00:00Z"), 60), 60),
                Arguments.of("289 buckets of 5 minutes", new SeriesPlan(Duration.ofMinutes(5), MINUTE,
                        t("2026-01-08T00:00:00Z"), 289), 1_445),
                Arguments.of("672 buckets of 15 minutes: a week of minutes", new SeriesPlan(Duration.ofMinutes(15),
                        MINUTE, t("2026-01-03T00:00:00Z"), 672), 10_080),
                Arguments.of("672 buckets of 15 minutes from the five-minute store", new SeriesPlan(
                        Duration.ofMinutes(15), FIVE_MINUTE, t("2025-11-03T00:00:00Z"), 672),
                        2_016),
                Arguments.of("744 hours from the hour store", new SeriesPlan(Duration.ofMinutes(60), HOUR,
                        t("2025-12-10T00:00:00Z"), 744), 744),
                Arguments.of("31 buckets of a day from the hour store", new SeriesPlan(Duration.ofMinutes(1440), HOUR,
                        t("2025-12-10T00:00:00Z"), 31), 744),
                Arguments.of("no bucket", new SeriesPlan(Duration.ofMinutes(1), MINUTE, t("2026-01-09T10:01:00Z"),
                        0), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costs")
    void costIsTheWindowsRead(String description, SeriesPlan plan, long windows) {
        assertThat(plan.windows()).isEqualTo(windows);
    }

    @Test
    void aWindowFallsInTheBucketOfItsStepAndBucketsStartAtTheirIndex() {
        // 5-minute steps from 10:05: 10:05 is bucket 0, 10:09 still 0, 10:10 is 1, 10:04 lies before the range.
        SeriesPlan plan = new SeriesPlan(Duration.ofMinutes(5), MINUTE, t("2026-01-09T10:05:00Z"), 3);

        assertThat(plan.bucketIndex(t("2026-01-09T10:05:00Z").toEpochMilli())).isEqualTo(0);
        assertThat(plan.bucketIndex(t("2026-01-09T10:09:00Z").toEpochMilli())).isEqualTo(0);
        assertThat(plan.bucketIndex(t("2026-01-09T10:10:00Z").toEpochMilli())).isEqualTo(1);
        assertThat(plan.bucketIndex(t("2026-01-09T10:19:59.999Z").toEpochMilli())).isEqualTo(2);
        assertThat(plan.bucketIndex(t("2026-01-09T10:04:00Z").toEpochMilli())).isEqualTo(-1);
        assertThat(plan.bucketStart(2)).isEqualTo(t("2026-01-09T10:15:00Z").toEpochMilli());
    }
}
