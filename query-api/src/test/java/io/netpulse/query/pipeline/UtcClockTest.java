package io.netpulse.query.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtcClockTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 1970-01-01 00:00:00",
            "999, 1970-01-01 00:00:00",
            "-1, 1969-12-31 23:59:59",
            "951782400000, 2000-02-29 00:00:00",
            "1796083199000, 2026-11-30 23:59:59",
            "1796083260500, 2026-12-01 00:01:00",
            "253402300799999, 9999-12-31 23:59:59",
            "253402300800000, +10000-01-01 00:00:00",
            "-62135596800000, 0001-01-01 00:00:00",
            "-62135596800001, 0001-12-31 23:59:59",
    })
    void writesTheSecondOfTheInstantInUtc(long epochMilli, String expected) {
        assertThat(UtcClock.format(epochMilli)).isEqualTo(expected);
    }

    /** From year -1000 to year 12000: the digits written directly and the formatter agree everywhere. */
    @Property(tries = 2_000)
    void agreesWithTheFormatter(@ForAll @LongRange(min = -93_724_732_800_000L, max = 316_502_035_200_000L) long millis) {
        assertThat(UtcClock.format(millis)).isEqualTo(UtcClock.FORMAT.format(Instant.ofEpochMilli(millis)));
    }
}
