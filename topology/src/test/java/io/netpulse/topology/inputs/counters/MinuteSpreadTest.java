package io.netpulse.topology.inputs.counters;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.topology.inputs.counters.MinuteSpread.Share;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MinuteSpreadTest {

    private static Instant t(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    private static CounterDelta.Interval interval(String start, String end, long in, long out) {
        return new CounterDelta.Interval(t(start), t(end), in, out, false);
    }

    private static Share share(String minute, long coveredMillis, long in, long out) {
        return new Share(t(minute), coveredMillis, in, out);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("inside one minute",
                        interval("00:00:10", "00:00:40", 3_000, 6_000),
                        List.of(share("00:00:00", 30_000, 3_000, 6_000))),
                Arguments.of("exactly one minute",
                        interval("00:01:00", "00:02:00", 7_500_000, 0),
                        List.of(share("00:01:00", 60_000, 7_500_000, 0))),
                // 300 000 octets over 300 s = 1 000 octets per second: 30 s -> 30 000, 60 s -> 60 000.
                Arguments.of("5-minute poll across minute boundaries",
                        interval("00:02:30", "00:07:30", 300_000, 600_000),
                        List.of(share("00:02:00", 30_000, 30_000, 60_000),
                                share("00:03:00", 60_000, 60_000, 120_000),
                                share("00:04:00", 60_000, 60_000, 120_000),
                                share("00:05:00", 60_000, 60_000, 120_000),
                                share("00:06:00", 60_000, 60_000, 120_000),
                                share("00:07:00", 30_000, 30_000, 60_000))),
                Arguments.of("5-minute poll across an hour boundary",
                        interval("00:57:30", "01:02:30", 300_000, 0),
                        List.of(share("00:57:00", 30_000, 30_000, 0),
                                share("00:58:00", 60_000, 60_000, 0),
                                share("00:59:00", 60_000, 60_000, 0),
                                share("01:00:00", 60_000, 60_000, 0),
                                share("01:01:00", 60_000, 60_000, 0),
                                share("01:02:00", 30_000, 30_000, 0))),
                // 1 000 / 3 = 333.33 each: one byte left over, to the earliest of three equal remainders.
                Arguments.of("uneven split, tie to the earliest minute",
                        interval("00:00:00", "00:03:00", 1_000, 2),
                        List.of(share("00:00:00", 60_000, 334, 1),
                                share("00:01:00", 60_000, 333, 1),
                                share("00:02:00", 60_000, 333, 0))),
                // 100 x 40/110 = 36.36, 100 x 60/110 = 54.55, 100 x 10/110 = 9.09: floors 36 + 54 + 9 = 99,
                // the one byte left goes to the largest remainder (.55).
                Arguments.of("uneven split, byte to the largest remainder",
                        interval("00:00:20", "00:02:10", 100, 0),
                        List.of(share("00:00:00", 40_000, 36, 0),
                                share("00:01:00", 60_000, 55, 0),
                                share("00:02:00", 10_000, 9, 0))),
                // 4 x 10^17 x 60 000 overflows a long: the exact path gives 8 x 10^16 per minute.
                Arguments.of("delta too large for 64-bit products",
                        interval("00:00:00", "00:05:00", 400_000_000_000_000_000L, 0),
                        List.of(share("00:00:00", 60_000, 80_000_000_000_000_000L, 0),
                                share("00:01:00", 60_000, 80_000_000_000_000_000L, 0),
                                share("00:02:00", 60_000, 80_000_000_000_000_000L, 0),
                                share("00:03:00", 60_000, 80_000_000_000_000_000L, 0),
                                share("00:04:00", 60_000, 80_000_000_000_000_000L, 0))),
                Arguments.of("no traffic still covers time",
                        interval("00:00:30", "00:01:30", 0, 0),
                        List.of(share("00:00:00", 30_000, 0, 0), share("00:01:00", 30_000, 0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void spreadsOverTheMinutesCovered(String description, CounterDelta.Interval interval, List<Share> expected) {
        assertThat(MinuteSpread.of(interval)).containsExactlyElementsOf(expected);
    }

    @Test
    void largeDeltaAndSingleByteAddUpExactly() {
        // 7 seconds, 999 999 999 999 octets, over 2026-01-01T00:00:58 .. 00:01:05: 2 s and 5 s.
        CounterDelta.Interval interval = new CounterDelta.Interval(T0.plusSeconds(58), T0.plusSeconds(65),
                999_999_999_999L, 1L, false);

        // 999 999 999 999 = 7 x 142 857 142 857: 2/7 and 5/7 of it are whole. The single outbound byte splits
        // 0.29 / 0.71: floors 0 + 0, and the leftover byte goes to the larger remainder, the second minute.
        assertThat(MinuteSpread.of(interval)).containsExactly(
                new Share(T0, 2_000, 285_714_285_714L, 0),
                new Share(T0.plusSeconds(60), 5_000, 714_285_714_285L, 1));
    }
}
