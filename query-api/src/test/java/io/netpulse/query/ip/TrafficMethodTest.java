package io.netpulse.query.ip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.TrafficScopeStats;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficMethodTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("the seed's first average: 49210633 / 143", TrafficMethod.AVG, 143, 49_210_633L,
                        "344130.3006993007"),
                Arguments.of("the seed's second average: 94801 / 144", TrafficMethod.AVG, 144, 94_801L,
                        "658.3402777777778"),
                Arguments.of("an exact average is whole", TrafficMethod.AVG, 4, 1000L, "250"),
                Arguments.of("no trailing zeros", TrafficMethod.AVG, 4, 1002L, "250.5"),
                Arguments.of("a large average keeps 16 digits and no exponent", TrafficMethod.AVG, 7,
                        9_000_000_000_000_000_000L, "1285714285714286000"),
                Arguments.of("sum", TrafficMethod.SUM, 143, 49_210_633L, "49210633"),
                Arguments.of("min", TrafficMethod.MIN, 143, 49_210_633L, "344130"),
                Arguments.of("max", TrafficMethod.MAX, 143, 49_210_633L, "344173"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueOfAPeriod(String description, TrafficMethod method, long count, long sum, String expected) {
        TrafficScopeStats stats = new TrafficScopeStats(count, sum, 344_130L, 344_173L);

        assertThat(method.valueOf(stats).toString()).as(description).isEqualTo(expected);
    }
}
