package io.netpulse.topology.billing;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nearest-rank 95th percentile, on tables computed by hand. Bytes are multiples of 75, so each rate is exact:
 * 75 bytes in a 5-minute slot are 75 x 8 / 300 = 2 bit/s.
 */
class BillingPercentileTest {

    static final BillingRange JANUARY = BillingRange.monthOf(T0);

    static Stream<Arguments> ranks() {
        return Stream.of(
                Arguments.of("one sample: itself", 1, 1),
                Arguments.of("two samples: 0.95 x 2 = 1.9, the 2nd", 2, 2),
                Arguments.of("19 samples: 18.05, the 19th (the largest)", 19, 19),
                Arguments.of("20 samples: exactly 19, the 19th", 20, 19),
                Arguments.of("21 samples: 19.95, the 20th", 21, 20),
                Arguments.of("100 samples: the 95th", 100, 95),
                Arguments.of("8,640 samples (30 days): 8,208", 8_640, 8_208),
                Arguments.of("8,928 samples (31 days): 8,481.6, the 8,482nd", 8_928, 8_482));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranks")
    void nearestRankIsTheCeilingOfNinetyFivePercentOfN(String description, int n, int rank) {
        assertThat(BillingPercentile.rank(n)).isEqualTo(rank);
    }

    @Test
    void noRankWithoutASample() {
        assertThatThrownBy(() -> BillingPercentile.rank(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twentySamplesGiveTheNineteenthValueOfEachDirectionOnItsOwn() {
        // in: 75 x k bytes for k = 1..20, given in reverse; out: 750 x (21 - k), so out falls while in rises.
        List<BillingSample> samples = new ArrayList<>();
        for (int k = 20; k >= 1; k--) {
            samples.add(new BillingSample(slot(k), 75L * k, 750L * (21 - k)));
        }

        BillingFigures figures = BillingPercentile.of(JANUARY, samples);

        // in sorted: 2, 4, ..., 40 bit/s: 19th = 38. out sorted: 20, 40, ..., 400: 19th = 380.
        // in + out per sample: 75k + 750(21 - k) = 15750 - 675k bytes, largest at k = 1 (15075), 19th at k = 2
        // (14400 bytes = 384 bit/s); not 38 + 380 = 418.
        assertThat(figures).isEqualTo(new BillingFigures(JANUARY, 20, 19, 38.0, 380.0, 380.0, 384.0));
    }

    @Test
    void oneSampleIsItsOwnPercentile() {
        BillingFigures figures = BillingPercentile.of(JANUARY, List.of(new BillingSample(T0, 300, 150)));

        assertThat(figures).isEqualTo(new BillingFigures(JANUARY, 1, 1, 8.0, 4.0, 8.0, 12.0));
    }

    @Test
    void missingSlotsAreAbsentNotZero() {
        // 5 samples of a 8,928-slot month: rank ceil(4.75) = 5, the largest; were the 8,923 missing slots zeros,
        // the 8,482nd of 8,928 would be 0.
        List<BillingSample> samples = List.of(new BillingSample(slot(0), 75, 0), new BillingSample(slot(1), 150, 0),
                new BillingSample(slot(2), 225, 0), new BillingSample(slot(3), 300, 0),
                new BillingSample(slot(4), 375, 0));

        BillingFigures figures = BillingPercentile.of(JANUARY, samples);

        assertThat(figures).isEqualTo(new BillingFigures(JANUARY, 5, 5, 10.0, 0.0, 10.0, 10.0));
        assertThat(figures.range().expectedSamples()).isEqualTo(8_928);
    }

    @Test
    void aFullThirtyDayMonthTakesThe8208thValue() {
        BillingRange april = BillingRange.monthOf(Instant.parse("2026-04-10T00:00:00Z"));
        List<BillingSample> samples = new ArrayList<>();
        for (int k = 1; k <= 8_640; k++) {
            samples.add(new BillingSample(april.start().plus(Duration.ofMinutes(5L * (k - 1))), 75L * k, 75));
        }
        Collections.shuffle(samples, new Random(17));

        BillingFigures figures = BillingPercentile.of(april, samples);

        // in: the 8,208th of 2, 4, ... bit/s is 16,416; out always 2; in + out: 75 x (8208 + 1) bytes = 16,418.
        assertThat(figures).isEqualTo(new BillingFigures(april, 8_640, 8_208, 16_416.0, 2.0, 16_416.0, 16_418.0));
        assertThat(april.expectedSamples()).isEqualTo(8_640);
    }

    @Test
    void noSampleGivesNoRates() {
        assertThat(BillingPercentile.of(JANUARY, List.of()))
                .isEqualTo(new BillingFigures(JANUARY, 0, 0, null, null, null, null));
    }

    @Test
    void moreSamplesThanSlotsIsAFault() {
        BillingRange tenMinutes = new BillingRange(T0, T0.plus(Duration.ofMinutes(10)));
        List<BillingSample> three = List.of(new BillingSample(T0, 1, 1), new BillingSample(T0, 1, 1),
                new BillingSample(T0, 1, 1));

        assertThatThrownBy(() -> BillingPercentile.of(tenMinutes, three)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant slot(int index) {
        return T0.plus(Duration.ofMinutes(5L * index));
    }
}
