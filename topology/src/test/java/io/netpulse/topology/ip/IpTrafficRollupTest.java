package io.netpulse.topology.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netpulse.schema.aggregate.IpTrafficSample;
import io.netpulse.schema.aggregate.IpTrafficStats;
import io.netpulse.schema.aggregate.TrafficScopeStats;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpTrafficRollupTest {

    static Stream<Arguments> periods() {
        return Stream.of(
                Arguments.of("one sample: count 1, min = max = sum", List.of(sample(100, 40)),
                        stats(scope(1, 100, 100, 100), scope(1, 40, 40, 40), scope(1, 140, 140, 140))),
                Arguments.of("a sample without received bytes counts as 0 received",
                        List.of(sample(100, 0), sample(0, 50)),
                        stats(scope(2, 100, 0, 100), scope(2, 50, 0, 50), scope(2, 150, 50, 100))),
                Arguments.of("total's min and max are those of the summed samples, not sums of minima and maxima",
                        List.of(sample(1000, 0), sample(0, 1000), sample(600, 600)),
                        stats(scope(3, 1600, 0, 1000), scope(3, 1600, 0, 1000), scope(3, 3200, 1000, 1200))),
                Arguments.of("order does not matter", List.of(sample(600, 600), sample(0, 1000), sample(1000, 0)),
                        stats(scope(3, 1600, 0, 1000), scope(3, 1600, 0, 1000), scope(3, 3200, 1000, 1200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void statisticsOfThePeriodsSamples(String description, List<IpTrafficSample> samples, IpTrafficStats expected) {
        IpTrafficStats stats = IpTrafficRollup.empty();
        for (IpTrafficSample sample : samples) {
            stats = IpTrafficRollup.add(stats, sample);
        }

        assertThat(stats).as(description).isEqualTo(expected);
    }

    @Test
    void aSampleSumsItsFlows() {
        IpTrafficSample sample = IpTrafficRollup.plus(IpTrafficRollup.plus(IpTrafficRollup.noBytes(),
                sample(1000, 0)), sample(0, 250));

        assertThat(sample).isEqualTo(sample(1000, 250));
    }

    @Test
    void anOverflowingSumFailsInsteadOfWrapping() {
        IpTrafficStats full = IpTrafficRollup.add(IpTrafficRollup.empty(), sample(Long.MAX_VALUE, 0));

        assertThatThrownBy(() -> IpTrafficRollup.add(full, sample(1, 0))).isInstanceOf(ArithmeticException.class);
    }

    private static IpTrafficSample sample(long received, long transmitted) {
        return new IpTrafficSample(received, transmitted);
    }

    private static TrafficScopeStats scope(long count, long sum, long min, long max) {
        return new TrafficScopeStats(count, sum, min, max);
    }

    private static IpTrafficStats stats(TrafficScopeStats receive, TrafficScopeStats transmit,
                                        TrafficScopeStats total) {
        return new IpTrafficStats(receive, transmit, total);
    }
}
