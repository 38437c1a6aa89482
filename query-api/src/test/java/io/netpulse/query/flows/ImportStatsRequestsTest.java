package io.netpulse.query.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImportStatsRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "seconds                                 | seconds | 90 | 2026-03-31T11:58:30Z",
            "minutes                                 | minutes | 90 | 2026-03-31T10:30:00Z",
            "hours                                   | hours   | 36 | 2026-03-30T00:00:00Z",
            "days are 24 hours                       | days    | 31 | 2026-02-28T12:00:00Z",
            "weeks are 7 days                        | weeks   | 2  | 2026-03-17T12:00:00Z",
            "a month before 31 March is 28 February  | months  | 1  | 2026-02-28T12:00:00Z",
            "twelve months are a calendar year       | months  | 12 | 2025-03-31T12:00:00Z",
    })
    void templateAIsTheLastNUnitsBeforeNow(String description, String unit, long count, String start) {
        List<StatsQuery> queries = parse("{\"stats_type\": \"flows_per_hour\", \"interval_type\": \"" + unit
                + "\", \"time_interval\": " + count + ", \"source_ip\": \"10.0.0.1\"}");

        assertThat(queries).as(description).containsExactly(new StatsQuery(StatsType.FLOWS_PER_HOUR,
                Instant.parse(start), NOW, Optional.of("10.0.0.1"), 0, "time_interval"));
    }

    @Test
    void templatesBAndCResolveToTheSameRange() {
        List<StatsQuery> queries = parse("""
                [{"stats_type": "flows_per_minute", "start_time": "23/08/2023 11:36:41",
                  "end_time": "23/08/2023 13:36:41", "source_ip": ""},
                 {"stats_type": "flows_per_minute", "start_time": 1692790601, "end_time": 1692797801,
                  "source_ip": ""}]""");

        Instant start = Instant.parse("2023-08-23T11:36:41Z");
        Instant end = Instant.parse("2023-08-23T13:36:41Z");
        assertThat(queries).containsExactly(
                new StatsQuery(StatsType.FLOWS_PER_MINUTE, start, end, Optional.empty(), 0, "end_time"),
                new StatsQuery(StatsType.FLOWS_PER_MINUTE, start, end, Optional.empty(), 1, "end_time"));
        // 11:36 (partly covered) through 13:36 (partly covered): 121 minute buckets
        assertThat(queries.getFirst().buckets()).isEqualTo(121);
        assertThat(queries.getFirst().firstBucket()).isEqualTo(Instant.parse("2023-08-23T11:36:00Z"));
    }

    @Test
    void anEmptyRangeHasNoBucket() {
        StatsQuery query = parse("{\"stats_type\": \"flows_per_second\", \"start_time\": 1692790601,"
                + " \"end_time\": 1692790601, \"source_ip\": \"\"}").getFirst();

        assertThat(query.buckets()).isZero();
    }

    private static List<StatsQuery> parse(String body) {
        return ImportStatsRequests.parse(body.getBytes(StandardCharsets.UTF_8), NOW, ImportStatsLimits.defaults());
    }
}
