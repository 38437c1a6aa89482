package io.netpulse.topology.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BillingRangeTest {

    static Stream<Arguments> months() {
        return Stream.of(
                Arguments.of("January: 31 x 288 slots", "2026-01-17T13:02:00Z", "2026-01-01T00:00:00Z",
                        "2026-02-01T00:00:00Z", 8_928),
                Arguments.of("February 2026: 28 x 288", "2026-02-28T23:59:59.999Z", "2026-02-01T00:00:00Z",
                        "2026-03-01T00:00:00Z", 8_064),
                Arguments.of("February 2028, a leap year: 29 x 288", "2028-02-29T00:00:00Z",
                        "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", 8_352),
                Arguments.of("the first instant of a month is in it", "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z",
                        "2026-05-01T00:00:00Z", 8_640),
                Arguments.of("December runs into the next year", "2026-12-31T23:55:00Z", "2026-12-01T00:00:00Z",
                        "2027-01-01T00:00:00Z", 8_928));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("months")
    void theCalendarMonthInUtc(String description, String within, String start, String end, int slots) {
        BillingRange month = BillingRange.monthOf(Instant.parse(within));

        assertThat(month).isEqualTo(new BillingRange(Instant.parse(start), Instant.parse(end)));
        assertThat(month.expectedSamples()).isEqualTo(slots);
    }

    @Test
    void aPeriodIsWholeFiveMinuteSlots() {
        Instant edge = Instant.parse("2026-01-01T00:05:00Z");

        assertThat(new BillingRange(edge, edge.plusSeconds(300)).expectedSamples()).isEqualTo(1);
        assertThat(BillingRange.onSlotEdge(edge)).isTrue();
        assertThat(BillingRange.onSlotEdge(edge.plusSeconds(60))).isFalse();
        assertThat(BillingRange.onSlotEdge(edge.plusNanos(1))).isFalse();
        assertThatThrownBy(() -> new BillingRange(edge, edge.plusSeconds(360)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingRange(edge, edge)).isInstanceOf(IllegalArgumentException.class);
    }
}
