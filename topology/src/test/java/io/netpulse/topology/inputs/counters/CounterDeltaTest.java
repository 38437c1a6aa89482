package io.netpulse.topology.inputs.counters;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.topology.inputs.counters.CounterDelta.Discontinuity;
import io.netpulse.topology.inputs.counters.CounterDelta.Interval;
import io.netpulse.topology.inputs.counters.CounterDelta.Kind;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CounterDeltaTest {

    private static final CounterDelta.Rules RULES = new CounterDelta.Rules(Duration.ofMinutes(15), 400_000_000_000L);
    private static final long GIGABIT = 1_000_000_000L;
    private static final long MEGABIT = 1_000_000L;
    private static final long TWO_POW_32 = 4_294_967_296L;
    private static final OptionalLong NONE = OptionalLong.empty();

    /** A 64-bit reading with sysUpTime and a 1 Gbit/s ifSpeed, {@code seconds} after T0. */
    private static CounterReading at(long seconds, long uptime, long in, long out) {
        return new CounterReading(T0.plusSeconds(seconds), OptionalLong.of(uptime), in, out, 64,
                OptionalLong.of(GIGABIT));
    }

    private static CounterReading reading(long millis, OptionalLong uptime, long in, long out, int width,
                                          OptionalLong speed) {
        return new CounterReading(T0.plusMillis(millis), uptime, in, out, width, speed);
    }

    private static Interval interval(long startSeconds, long endSeconds, long in, long out, boolean wrapped) {
        return new Interval(T0.plusSeconds(startSeconds), T0.plusSeconds(endSeconds), in, out, wrapped);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // 7 500 000 octets in 60 s = 1 000 000 bit/s in, 3 750 000 octets = 500 000 bit/s out.
                Arguments.of("steady rate",
                        at(0, 100_000, 0, 0), at(60, 106_000, 7_500_000, 3_750_000), NONE,
                        interval(0, 60, 7_500_000, 3_750_000, false)),
                // 2^32 - 967 296 = 4 294 000 000, then 32 704: 967 296 + 32 704 = 1 000 000 octets.
                Arguments.of("32-bit wrap",
                        reading(0, OptionalLong.of(100_000), 4_294_000_000L, 10, 32, OptionalLong.of(GIGABIT)),
                        reading(60_000, OptionalLong.of(106_000), 32_704, 20, 32, OptionalLong.of(GIGABIT)), NONE,
                        interval(0, 60, 1_000_000, 10, true)),
                // 2^64 - 1 000 (the long -1 000), then 999 000: 1 000 + 999 000 = 1 000 000 octets.
                Arguments.of("64-bit wrap",
                        at(0, 100_000, -1_000L, 5), at(60, 106_000, 999_000L, 5), NONE,
                        interval(0, 60, 1_000_000, 0, true)),
                // 2^63 - 500 000, then 2^63 + 500 000 (a negative long): an increase of 1 000 000, no wrap.
                Arguments.of("64-bit counter crossing Long.MAX_VALUE",
                        at(0, 100_000, Long.MAX_VALUE - 499_999, 0), at(60, 106_000, Long.MIN_VALUE + 500_000, 0),
                        NONE, interval(0, 60, 1_000_000, 0, false)),
                Arguments.of("reboot: sysUpTime went from 1 day to 60 s",
                        at(0, 8_640_000, 5_000_000, 5_000_000), at(60, 6_000, 1_000, 1_000), NONE,
                        new Discontinuity(Kind.REBOOT)),
                // 2^32 - 3 000 ticks, then 3 000: 6 000 ticks = 60 s, exactly the elapsed poll time.
                Arguments.of("sysUpTime's own wrap after 497 days is no reboot",
                        at(0, TWO_POW_32 - 3_000, 0, 0), at(60, 3_000, 7_500_000, 0), NONE,
                        interval(0, 60, 7_500_000, 0, false)),
                // Across the wrap 2^32 - 3 000 -> 12 001 is 15 001 ticks = 150.01 s > 60 s + 60 s tolerance.
                Arguments.of("sysUpTime down further than its own wrap allows is a reboot",
                        at(0, TWO_POW_32 - 3_000, 0, 0), at(60, 12_001, 7_500_000, 0), NONE,
                        new Discontinuity(Kind.REBOOT)),
                Arguments.of("reboot is reported before a gap",
                        at(0, 8_640_000, 5_000_000, 0), at(3_600, 6_000, 1_000, 0), NONE,
                        new Discontinuity(Kind.REBOOT)),
                // No sysUpTime: 1 000 000 octets in 60 s after a 32-bit wrap = 133 333 bit/s, plausible.
                Arguments.of("no sysUpTime: 32-bit decrease with a plausible rate is a wrap",
                        reading(0, NONE, 4_294_000_000L, 0, 32, NONE),
                        reading(60_000, NONE, 32_704, 0, 32, NONE), NONE,
                        interval(0, 60, 1_000_000, 0, true)),
                // No sysUpTime: 2^32 - 4 000 000 000 + 100 = 294 967 396 octets in 60 s = 39.3 Mbit/s > 10 Mbit/s.
                Arguments.of("no sysUpTime: 32-bit decrease above ifSpeed is a reset",
                        reading(0, NONE, 4_000_000_000L, 0, 32, OptionalLong.of(10 * MEGABIT)),
                        reading(60_000, NONE, 100, 0, 32, OptionalLong.of(10 * MEGABIT)), NONE,
                        new Discontinuity(Kind.RESET)),
                // No sysUpTime: 10 000 000 -> 1 000 wrapped is 2^64 - 9 999 000 octets: a reset.
                Arguments.of("no sysUpTime: 64-bit decrease is a reset",
                        reading(0, NONE, 10_000_000, 0, 64, NONE), reading(60_000, NONE, 1_000, 0, 64, NONE), NONE,
                        new Discontinuity(Kind.RESET)),
                Arguments.of("with sysUpTime and no reboot, a 64-bit decrease is a wrap far above the speed",
                        at(0, 100_000, 10_000_000, 0), at(60, 106_000, 1_000, 0), NONE,
                        new Discontinuity(Kind.IMPLAUSIBLE_RATE)),
                // 1 Mbit/s for 60 s is exactly 7 500 000 octets.
                Arguments.of("exactly the ifSpeed",
                        reading(0, OptionalLong.of(0), 0, 0, 64, OptionalLong.of(MEGABIT)),
                        reading(60_000, OptionalLong.of(6_000), 0, 7_500_000, 64, OptionalLong.of(MEGABIT)), NONE,
                        interval(0, 60, 0, 7_500_000, false)),
                Arguments.of("one octet above the ifSpeed",
                        reading(0, OptionalLong.of(0), 0, 0, 64, OptionalLong.of(MEGABIT)),
                        reading(60_000, OptionalLong.of(6_000), 0, 7_500_001, 64, OptionalLong.of(MEGABIT)), NONE,
                        new Discontinuity(Kind.IMPLAUSIBLE_RATE)),
                Arguments.of("unknown ifSpeed falls back to the inventory speed",
                        reading(0, OptionalLong.of(0), 0, 0, 64, NONE),
                        reading(60_000, OptionalLong.of(6_000), 7_500_001, 0, 64, NONE), OptionalLong.of(MEGABIT),
                        new Discontinuity(Kind.IMPLAUSIBLE_RATE)),
                Arguments.of("no speed anywhere falls back to the 400 Gbit/s ceiling",
                        reading(0, OptionalLong.of(0), 0, 0, 64, NONE),
                        reading(60_000, OptionalLong.of(6_000), 3_000_000_000_000L, 0, 64, NONE), NONE,
                        interval(0, 60, 3_000_000_000_000L, 0, false)),
                // 400 Gbit/s x 60 s / 8 = 3 000 000 000 000 octets; one more is too fast.
                Arguments.of("above the ceiling",
                        reading(0, OptionalLong.of(0), 0, 0, 64, NONE),
                        reading(60_000, OptionalLong.of(6_000), 3_000_000_000_001L, 0, 64, NONE), NONE,
                        new Discontinuity(Kind.IMPLAUSIBLE_RATE)),
                Arguments.of("a gap of exactly 15 minutes still gives a rate",
                        at(0, 0, 0, 0), at(900, 90_000, 900, 0), NONE, interval(0, 900, 900, 0, false)),
                Arguments.of("a gap of 15 minutes and 1 ms gives none",
                        at(0, 0, 0, 0),
                        reading(900_001, OptionalLong.of(90_000), 900, 0, 64, OptionalLong.of(GIGABIT)), NONE,
                        new Discontinuity(Kind.GAP)),
                Arguments.of("duplicate poll time",
                        at(60, 6_000, 100, 100), at(60, 6_000, 100, 100), NONE, new Discontinuity(Kind.DUPLICATE)),
                Arguments.of("older than the last accepted sample",
                        at(120, 12_000, 200, 200), at(60, 6_000, 100, 100), NONE,
                        new Discontinuity(Kind.OUT_OF_ORDER)),
                Arguments.of("counter width changed",
                        at(0, 0, 100, 100), reading(60_000, OptionalLong.of(6_000), 200, 200, 32, NONE), NONE,
                        new Discontinuity(Kind.RESET)),
                Arguments.of("5-minute poll",
                        at(150, 15_000, 0, 0), at(450, 45_000, 300_000, 600_000), NONE,
                        interval(150, 450, 300_000, 600_000, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void between(String description, CounterReading previous, CounterReading current, OptionalLong inventorySpeed,
                 CounterDelta expected) {
        assertThat(CounterDelta.between(previous, current, inventorySpeed, RULES)).isEqualTo(expected);
    }
}
